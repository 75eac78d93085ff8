import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { CohortRow, DeploymentStatus, TermOfReference } from '../db/tables.js';
import { countryRuleAllows, plannedSteps, type StepTemplate, termsFromNeeds } from './pairing.js';
import { type SelectedApplication, selectedApplications } from './queries.js';
import { pathDb, type StepStatus } from './tables.js';

/** Who acts, for the audit log. */
export interface PathActor {
  userId: string | null;
  ip: string;
}

const audit = (db: Kysely<PlatformTables>, actor: PathActor, action: string, communeId: string | null, resourceId: string, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId, actorUserId: actor.userId, ip: actor.ip, action, resourceType: 'programme_deployment', resourceId, details });

export async function setCountryRule(db: Kysely<PlatformTables>, actor: PathActor, cohort: CohortRow, abroadOnly: boolean): Promise<void> {
  await pathDb(db).updateTable('programme_cohorts').set({ volunteers_abroad_only: abroadOnly }).where('id', '=', cohort.id).execute();
  await recordAudit(db, { communeId: null, actorUserId: actor.userId, ip: actor.ip, action: 'programme.cohort.country_rule', resourceType: 'programme_cohort', resourceId: cohort.id, details: { abroadOnly } });
}

/** Links a selected commune application to a commune of this install; refused when already linked. */
export async function linkCommune(db: Kysely<PlatformTables>, actor: PathActor, cohort: CohortRow, applicationId: string, communeId: string): Promise<'programme.path.error_not_selected' | 'programme.path.error_commune_taken' | null> {
  const application = (await selectedApplications(db, cohort.id)).find((a) => a.id === applicationId && a.audience === 'communes' && !a.commune_id);
  if (!application) return 'programme.path.error_not_selected';
  const taken = await pathDb(db).selectFrom('programme_applications').select('id').where('call_id', '=', application.call_id).where('commune_id', '=', communeId).where('status', '<>', 'withdrawn').executeTakeFirst();
  if (taken) return 'programme.path.error_commune_taken';
  await pathDb(db).updateTable('programme_applications').set({ commune_id: communeId, updated_at: new Date() }).where('id', '=', application.id).execute();
  await recordAudit(db, { communeId, actorUserId: actor.userId, ip: actor.ip, action: 'programme.application.commune_linked', resourceType: 'programme_application', resourceId: application.id });
  return null;
}

export interface PairingInput {
  communeApplicationId: string;
  volunteerApplicationId: string;
  startsOn: string;
  endsOn: string;
}

export type PairingError =
  | 'programme.path.error_not_selected'
  | 'programme.path.error_commune_not_linked'
  | 'programme.path.error_country_rule'
  | 'programme.path.error_already_paired'
  | 'programme.path.error_dates';

/** The needs the commune expressed in its application (fields with purpose "needs"), one term per line. */
async function needsOf(db: Kysely<PlatformTables>, application: SelectedApplication): Promise<TermOfReference[]> {
  const fields = await pathDb(db).selectFrom('programme_call_fields').select('key').where('call_id', '=', application.call_id).where('purpose', '=', 'needs').orderBy('position').execute();
  return fields.flatMap((field) => termsFromNeeds(application.answers[field.key]));
}

async function alreadyPaired(db: Kysely<PlatformTables>, cohortId: string, communeId: string, volunteerApplicationId: string): Promise<boolean> {
  const row = await pathDb(db)
    .selectFrom('programme_deployments')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('cohort_id', '=', cohortId), eb('commune_id', '=', communeId)]), eb('volunteer_application_id', '=', volunteerApplicationId)]))
    .executeTakeFirst();
  return !!row;
}

/** Checks a pair against the cohort's rules; returns the commune and volunteer applications or why not. */
async function checkPair(db: Kysely<PlatformTables>, cohort: CohortRow, input: PairingInput): Promise<{ error: PairingError } | { commune: SelectedApplication & { commune_id: string }; volunteer: SelectedApplication }> {
  const selected = await selectedApplications(db, cohort.id);
  const commune = selected.find((a) => a.id === input.communeApplicationId && a.audience === 'communes');
  const volunteer = selected.find((a) => a.id === input.volunteerApplicationId && a.audience === 'volunteers');
  if (!commune || !volunteer) return { error: 'programme.path.error_not_selected' };
  if (!commune.commune_id) return { error: 'programme.path.error_commune_not_linked' };
  if (!countryRuleAllows(cohort.volunteers_abroad_only, volunteer.country, commune.commune_country)) return { error: 'programme.path.error_country_rule' };
  if (input.endsOn <= input.startsOn) return { error: 'programme.path.error_dates' };
  if (await alreadyPaired(db, cohort.id, commune.commune_id, volunteer.id)) return { error: 'programme.path.error_already_paired' };
  return { commune: { ...commune, commune_id: commune.commune_id }, volunteer };
}

/** Pairs a selected commune with a selected volunteer: terms from the commune's needs, the path's template steps. */
export async function pair(db: Kysely<PlatformTables>, actor: PathActor, cohort: CohortRow, input: PairingInput, stepTitle: (template: StepTemplate) => string): Promise<{ error: PairingError } | { id: string }> {
  const checked = await checkPair(db, cohort, input);
  if ('error' in checked) return checked;
  const { commune, volunteer } = checked;
  const { id } = await pathDb(db)
    .insertInto('programme_deployments')
    .values({
      cohort_id: cohort.id,
      commune_id: commune.commune_id,
      commune_application_id: commune.id,
      volunteer_application_id: volunteer.id,
      volunteer_user_id: volunteer.applicant_user_id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      status: 'planned',
      terms: JSON.stringify(await needsOf(db, commune)),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertTemplateSteps(db, id, input.startsOn, input.endsOn, stepTitle);
  await audit(db, actor, 'programme.deployment.paired', commune.commune_id, id, { communeApplication: commune.reference, volunteerApplication: volunteer.reference });
  return { id };
}

export async function insertTemplateSteps(db: Kysely<PlatformTables>, deploymentId: string, startsOn: string, endsOn: string, stepTitle: (template: StepTemplate) => string): Promise<void> {
  const rows = plannedSteps(startsOn, endsOn).map((s) => ({ deployment_id: deploymentId, position: s.position, template: s.template, title: stepTitle(s.template), due_on: s.dueOn, indicator: s.indicator, target: s.target }));
  await pathDb(db).insertInto('programme_path_steps').values(rows).execute();
}

/** Unpairing undoes a mistake: refused once any step is done (the path has begun). */
export async function unpair(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }): Promise<boolean> {
  const done = await pathDb(db).selectFrom('programme_path_steps').select('id').where('deployment_id', '=', deployment.id).where('status', '=', 'done').executeTakeFirst();
  if (done) return false;
  await pathDb(db).deleteFrom('programme_deployments').where('id', '=', deployment.id).execute();
  await audit(db, actor, 'programme.deployment.unpaired', deployment.commune_id, deployment.id);
  return true;
}

export async function setDeploymentStatus(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }, status: DeploymentStatus): Promise<void> {
  await pathDb(db).updateTable('programme_deployments').set({ status }).where('id', '=', deployment.id).execute();
  await audit(db, actor, 'programme.deployment.status', deployment.commune_id, deployment.id, { status });
}

export async function saveTerms(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }, terms: TermOfReference[]): Promise<void> {
  await pathDb(db).updateTable('programme_deployments').set({ terms: JSON.stringify(terms) }).where('id', '=', deployment.id).execute();
  await audit(db, actor, 'programme.deployment.terms', deployment.commune_id, deployment.id, { lines: terms.length });
}

export interface StepInput {
  title: string;
  template: string | null;
  owner: string;
  dueOn: string;
  status: StepStatus;
  evidence: string;
  evidenceUrl: string | null;
  indicator: string | null;
  target: number | null;
}

const stepValues = (input: StepInput) => ({
  title: input.title,
  template: input.template,
  owner: input.owner,
  due_on: input.dueOn,
  status: input.status,
  evidence: input.evidence,
  evidence_url: input.evidenceUrl,
  indicator: input.indicator,
  target: input.indicator ? input.target : null,
});

export async function addStep(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }, input: StepInput): Promise<string> {
  const last = await pathDb(db).selectFrom('programme_path_steps').select((eb) => eb.fn.max('position').as('max')).where('deployment_id', '=', deployment.id).executeTakeFirst();
  const { id } = await pathDb(db)
    .insertInto('programme_path_steps')
    .values({ deployment_id: deployment.id, position: Number(last?.max ?? 0) + 1, ...stepValues(input) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'programme.step.added', deployment.commune_id, deployment.id, { step: id });
  return id;
}

export async function updateStep(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }, stepId: string, input: StepInput): Promise<void> {
  await pathDb(db).updateTable('programme_path_steps').set({ ...stepValues(input), updated_at: new Date() }).where('id', '=', stepId).where('deployment_id', '=', deployment.id).execute();
  await audit(db, actor, 'programme.step.updated', deployment.commune_id, deployment.id, { step: stepId, status: input.status });
}

/** The commune's team adds evidence only: the plan itself is the operator's and the volunteer's. */
export async function saveEvidence(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }, stepId: string, evidence: string, evidenceUrl: string | null): Promise<void> {
  await pathDb(db).updateTable('programme_path_steps').set({ evidence, evidence_url: evidenceUrl, updated_at: new Date() }).where('id', '=', stepId).where('deployment_id', '=', deployment.id).execute();
  await audit(db, actor, 'programme.step.evidence', deployment.commune_id, deployment.id, { step: stepId });
}

export async function removeStep(db: Kysely<PlatformTables>, actor: PathActor, deployment: { id: string; commune_id: string }, stepId: string): Promise<void> {
  await pathDb(db).deleteFrom('programme_path_steps').where('id', '=', stepId).where('deployment_id', '=', deployment.id).execute();
  await audit(db, actor, 'programme.step.removed', deployment.commune_id, deployment.id, { step: stepId });
}
