import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { utcDay } from '../calls/state.js';
import { type Actor, backOfficeRoles, hasRole } from '../../../platform/permissions/actor.js';
import { type IndicatorSummary, liveIndicatorValues, scorecardIndicators } from '../../network/index.js';
import { pathDb, type StepRow } from './tables.js';
import { stepProgress, type StepProgress } from './progress.js';

/** A deployment with what its pages name: the commune, the volunteer and the cohort. */
const deploymentColumns = [
  'd.id',
  'd.cohort_id',
  'd.commune_id',
  'd.commune_application_id',
  'd.volunteer_application_id',
  'd.volunteer_user_id',
  'd.starts_on',
  'd.ends_on',
  'd.status',
  'd.terms',
  'c.slug as commune_slug',
  'c.name as commune_name',
  'c.country as commune_country',
  'c.time_zone',
  'c.enabled_modules',
  'v.applicant_name as volunteer_name',
  'v.country as volunteer_country',
  'k.slug as cohort_slug',
  'k.title as cohort_title',
] as const;

const deployments = (db: Kysely<PlatformTables>) =>
  pathDb(db)
    .selectFrom('programme_deployments as d')
    .innerJoin('communes as c', 'c.id', 'd.commune_id')
    .innerJoin('programme_applications as v', 'v.id', 'd.volunteer_application_id')
    .innerJoin('programme_cohorts as k', 'k.id', 'd.cohort_id')
    .select(deploymentColumns);

export type DeploymentView = Awaited<ReturnType<ReturnType<typeof deployments>['executeTakeFirstOrThrow']>>;

export const deploymentById = (db: Kysely<PlatformTables>, id: string) => deployments(db).where('d.id', '=', id).executeTakeFirst();

export const cohortDeployments = (db: Kysely<PlatformTables>, cohortId: string) => deployments(db).where('d.cohort_id', '=', cohortId).orderBy('c.slug').execute();

export const communeDeployments = (db: Kysely<PlatformTables>, communeId: string) =>
  deployments(db).where('d.commune_id', '=', communeId).orderBy('d.starts_on', 'desc').execute();

/** The deployments an actor relates to: all for an operator, otherwise their own and their communes' ones. */
export function actorDeployments(db: Kysely<PlatformTables>, actor: Actor, operator: boolean) {
  const query = deployments(db).orderBy('d.starts_on', 'desc').orderBy('c.slug');
  if (operator) return query.execute();
  const communeIds = [...actor.roles.keys()].filter((communeId) => hasRole(actor, communeId, ...backOfficeRoles));
  const userId = actor.user?.id ?? '00000000-0000-0000-0000-000000000000';
  return query.where((eb) => eb.or([eb('d.volunteer_user_id', '=', userId), ...(communeIds.length > 0 ? [eb('d.commune_id', 'in', communeIds)] : [])])).execute();
}

export const cohortBySlug = (db: Kysely<PlatformTables>, slug: string) => pathDb(db).selectFrom('programme_cohorts').selectAll().where('slug', '=', slug).executeTakeFirst();

export const allCohorts = (db: Kysely<PlatformTables>) => pathDb(db).selectFrom('programme_cohorts').selectAll().orderBy('path_starts_on', 'desc').execute();

/** The selected applications of a cohort, for the pairing page, with the commune they are linked to (if any). */
export function selectedApplications(db: Kysely<PlatformTables>, cohortId: string) {
  return pathDb(db)
    .selectFrom('programme_applications as a')
    .innerJoin('programme_calls as call', 'call.id', 'a.call_id')
    .leftJoin('communes as c', 'c.id', 'a.commune_id')
    .select(['a.id', 'a.call_id', 'a.reference', 'a.applicant_name', 'a.country', 'a.commune_id', 'a.answers', 'a.applicant_user_id', 'call.audience', 'c.name as commune_name', 'c.country as commune_country'])
    .where('call.cohort_id', '=', cohortId)
    .where('a.status', '=', 'selected')
    .orderBy('a.reference')
    .execute();
}
export type SelectedApplication = Awaited<ReturnType<typeof selectedApplications>>[number];

export const installCommunes = (db: Kysely<PlatformTables>) => db.selectFrom('communes').select(['id', 'slug', 'name', 'country']).orderBy('slug').execute();

export const stepsOf = async (db: Kysely<PlatformTables>, deploymentIds: string[]): Promise<StepRow[]> =>
  deploymentIds.length === 0 ? [] : pathDb(db).selectFrom('programme_path_steps').selectAll().where('deployment_id', 'in', deploymentIds).orderBy('position').orderBy('created_at').execute();

export const stepById = (db: Kysely<PlatformTables>, deploymentId: string, stepId: string) =>
  pathDb(db).selectFrom('programme_path_steps').selectAll().where('id', '=', stepId).where('deployment_id', '=', deploymentId).executeTakeFirst();

export type MeasuredStep = StepRow & { progress: StepProgress; indicatorInfo: IndicatorSummary | undefined };

/** The deployment's steps with their progress read from the commune's live indicators. */
export async function measuredSteps(db: Kysely<PlatformTables>, deployment: Pick<DeploymentView, 'commune_id' | 'commune_slug' | 'time_zone' | 'enabled_modules'>, steps: StepRow[], now: Date): Promise<MeasuredStep[]> {
  const linked = steps.some((s) => s.indicator);
  const commune = { id: deployment.commune_id, slug: deployment.commune_slug, time_zone: deployment.time_zone, enabled_modules: deployment.enabled_modules };
  const values = linked ? await liveIndicatorValues(db, commune, now) : new Map<string, number | null>();
  const indicators = new Map(scorecardIndicators().map((i) => [i.id, i]));
  return steps.map((step) => {
    const info = step.indicator ? indicators.get(step.indicator) : undefined;
    const live = info ? { value: values.get(info.id) ?? null, direction: info.direction } : undefined;
    return { ...step, indicatorInfo: info, progress: stepProgress(step, live, utcDay(now)) };
  });
}

/** Each deployment with its measured steps (one live scorecard per commune). */
export async function deploymentsWithSteps(db: Kysely<PlatformTables>, rows: DeploymentView[], now: Date) {
  const steps = await stepsOf(db, rows.map((d) => d.id));
  return Promise.all(rows.map(async (d) => ({ deployment: d, steps: await measuredSteps(db, d, steps.filter((s) => s.deployment_id === d.id), now) })));
}
export type DeploymentWithSteps = Awaited<ReturnType<typeof deploymentsWithSteps>>[number];
