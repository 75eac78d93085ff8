import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import { type Actor, backOfficeRoles, hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';
import { type ApplicationRow, type CallRow, type DeploymentRow, programmeDb, type TeamRole } from './db/tables.js';

/** Where the actor stands in the programme's team; platform administrators are operators. */
export interface TeamStanding {
  operator: boolean;
  reviewer: boolean;
}

export const noStanding: TeamStanding = { operator: false, reviewer: false };

export async function teamStanding(db: Kysely<PlatformTables>, actor: Actor): Promise<TeamStanding> {
  if (!actor.user) return noStanding;
  if (actor.isPlatformAdmin) return { operator: true, reviewer: true };
  const row = await programmeDb(db).selectFrom('programme_team').select('role').where('user_id', '=', actor.user.id).executeTakeFirst();
  const role: TeamRole | undefined = row?.role;
  return { operator: role === 'operator', reviewer: role === 'operator' || role === 'reviewer' };
}

/** The programme's rules: the operator runs it, reviewers score, applicants see and edit only their own drafts. */
export const programmePolicy = definePolicy<{
  'programme.operate': TeamStanding;
  'programme.review': TeamStanding;
  'programme.apply': { call: Pick<CallRow, 'published_at'> };
  'programme.application.read': { standing: TeamStanding; application: Pick<ApplicationRow, 'applicant_user_id'> };
  'programme.application.edit': { application: Pick<ApplicationRow, 'applicant_user_id' | 'status'> };
}>({
  'programme.operate': (_actor, standing) => standing.operator,
  'programme.review': (_actor, standing) => standing.reviewer,
  'programme.apply': (actor, { call }) => !!actor.user && call.published_at !== null,
  'programme.application.read': (actor, { standing, application }) =>
    standing.operator || standing.reviewer || (!!actor.user && application.applicant_user_id === actor.user.id),
  'programme.application.edit': (actor, { application }) => !!actor.user && application.applicant_user_id === actor.user.id && application.status === 'draft',
});

/** Loads the actor's standing and refuses anyone who is not an operator; returns the standing for later checks. */
export async function authorizeOperator(request: FastifyRequest): Promise<TeamStanding> {
  const standing = await teamStanding(request.server.platform.db, request.actor);
  programmePolicy.authorize(request.actor, 'programme.operate', standing);
  return standing;
}

/** The same for reviewers (operators are reviewers too). */
export async function authorizeReviewer(request: FastifyRequest): Promise<TeamStanding> {
  const standing = await teamStanding(request.server.platform.db, request.actor);
  programmePolicy.authorize(request.actor, 'programme.review', standing);
  return standing;
}

/** How the actor relates to a deployment: the operator, its volunteer, the host commune's team, or not at all. */
export type DeploymentRelation = 'operator' | 'volunteer' | 'commune' | null;

export function deploymentRelation(actor: Actor, standing: TeamStanding, deployment: Pick<DeploymentRow, 'commune_id' | 'volunteer_user_id'>): DeploymentRelation {
  if (standing.operator) return 'operator';
  if (!actor.user) return null;
  if (deployment.volunteer_user_id === actor.user.id) return 'volunteer';
  return hasRole(actor, deployment.commune_id, ...backOfficeRoles) ? 'commune' : null;
}
