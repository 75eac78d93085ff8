import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { type DeploymentRelation, deploymentRelation, teamStanding } from '../permissions.js';
import type { PathActor } from './commands.js';
import { deploymentById, type DeploymentView } from './queries.js';

/** Who does what on a deployment: the operator runs it, the volunteer keeps the path, the commune adds evidence. */
export const pathPolicy = definePolicy<{
  'programme.path.read': DeploymentRelation;
  'programme.path.plan': DeploymentRelation;
  'programme.path.evidence': DeploymentRelation;
  'programme.path.operate': DeploymentRelation;
}>({
  'programme.path.read': (_actor, relation) => relation !== null,
  'programme.path.plan': (_actor, relation) => relation === 'operator' || relation === 'volunteer',
  'programme.path.evidence': (_actor, relation) => relation !== null,
  'programme.path.operate': (_actor, relation) => relation === 'operator',
});

export const pathActor = (request: FastifyRequest): PathActor => ({ userId: request.actor.user?.id ?? null, ip: request.ip });

/**
 * The deployment named in the URL and how the actor relates to it; a deployment the actor has nothing to do with
 * answers 404 like one that does not exist, so its existence is not disclosed.
 */
export async function relatedDeployment(request: FastifyRequest<{ Params: { id: string } }>): Promise<{ deployment: DeploymentView; relation: Exclude<DeploymentRelation, null> }> {
  const { db } = request.server.platform;
  const deployment = isUuid(request.params.id) ? await deploymentById(db, request.params.id) : undefined;
  const relation = deployment ? deploymentRelation(request.actor, await teamStanding(db, request.actor), deployment) : null;
  // The rule is asked even for an unknown id, so every route through here decides by policy.
  if (!pathPolicy.can(request.actor, 'programme.path.read', relation) || !deployment || relation === null) throw new AppError('NOT_FOUND');
  return { deployment, relation };
}
