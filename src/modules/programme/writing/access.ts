import type { FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import type { DeploymentRow } from '../db/tables.js';
import { type DeploymentRelation, deploymentRelation, teamStanding, type TeamStanding } from '../permissions.js';
import type { PostStatus, ReportStatus } from './tables.js';
import { writingDb } from './tables.js';

type Relation = { relation: DeploymentRelation };

/** Who writes and who reads what a deployment produces: the volunteer writes, the operator reviews, the host commune reads. */
export const writingPolicy = definePolicy<{
  'programme.writing.related': Relation;
  'programme.writing.author': Relation;
  'programme.writing.record_lesson': Relation;
  'programme.writing.read_report': Relation & { status: ReportStatus };
  'programme.writing.edit_report': Relation & { status: ReportStatus };
  'programme.writing.read_post': Relation;
  'programme.writing.edit_post': Relation & { status: PostStatus };
}>({
  'programme.writing.related': (_actor, { relation }) => relation !== null,
  'programme.writing.author': (_actor, { relation }) => relation === 'volunteer',
  'programme.writing.record_lesson': (_actor, { relation }) => relation === 'volunteer' || relation === 'operator',
  // Drafts are the volunteer's own until submitted; the host commune's team reads what was submitted.
  'programme.writing.read_report': (_actor, { relation, status }) => relation === 'volunteer' || (relation !== null && status !== 'draft'),
  'programme.writing.edit_report': (_actor, { relation, status }) => relation === 'volunteer' && status === 'draft',
  'programme.writing.read_post': (_actor, { relation }) => relation === 'volunteer' || relation === 'operator',
  // While the operator reviews it, the post is frozen; returned, it is the volunteer's again.
  'programme.writing.edit_post': (_actor, { relation, status }) => relation === 'volunteer' && (status === 'draft' || status === 'returned'),
});

export interface DeploymentAccess {
  deployment: DeploymentRow;
  relation: DeploymentRelation;
  standing: TeamStanding;
}

/** Loads a deployment with the actor's relation to it; an unknown id has no relation. */
async function accessTo(request: FastifyRequest, deploymentId: string): Promise<DeploymentAccess | { deployment: undefined; relation: null; standing: TeamStanding }> {
  const { db } = request.server.platform;
  const standing = await teamStanding(db, request.actor);
  const deployment = isUuid(deploymentId) ? await writingDb(db).selectFrom('programme_deployments').selectAll().where('id', '=', deploymentId).executeTakeFirst() : undefined;
  if (!deployment) return { deployment: undefined, relation: null, standing };
  return { deployment, relation: deploymentRelation(request.actor, standing, deployment), standing };
}

/** The deployment, if the actor has something to do with it; otherwise the same 404 as a deployment that does not exist. */
export async function relatedDeployment(request: FastifyRequest, deploymentId: string): Promise<DeploymentAccess> {
  const access = await accessTo(request, deploymentId);
  if (!writingPolicy.can(request.actor, 'programme.writing.related', access) || !access.deployment) throw new AppError('NOT_FOUND');
  return access as DeploymentAccess;
}

/** The deployment, if the actor is its volunteer (only they write its reports, posts and lessons). */
export async function authoredDeployment(request: FastifyRequest, deploymentId: string): Promise<DeploymentAccess> {
  const access = await accessTo(request, deploymentId);
  if (!writingPolicy.can(request.actor, 'programme.writing.author', access) || !access.deployment) throw new AppError('NOT_FOUND');
  return access as DeploymentAccess;
}

/** Refuses (404) unless the policy allows; for rows whose state decides. */
export function allowOr404<Action extends 'programme.writing.read_report' | 'programme.writing.edit_report' | 'programme.writing.read_post' | 'programme.writing.edit_post'>(
  request: FastifyRequest,
  action: Action,
  resource: Parameters<(typeof writingPolicy.rules)[Action]>[1],
): void {
  if (!writingPolicy.can(request.actor, action, resource as never)) throw new AppError('NOT_FOUND');
}

/** The actor as the audit log and commands know them. */
export interface WritingActor {
  userId: string | null;
  ip: string | null;
}
export const actorOf = (request: FastifyRequest): WritingActor => ({ userId: request.actor.user?.id ?? null, ip: request.ip });
