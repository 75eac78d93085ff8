import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendPublication, type LedgerKeyConfig } from '../../../platform/ledger/index.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { z } from 'zod';
import { type commitmentSchema, localizedText, localizedTitle, type milestoneSchema, type planSchema } from './forms.js';
import { type Completion, plansDb, scopedPlans } from './tables.js';

type Db = Kysely<PlatformTables>;
export interface PlanActor {
  communeId: string;
  actorId: string | null;
}

const audit = (db: Db, actor: PlanActor, action: string, resource: { type: string; id: string }, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId: actor.communeId, actorUserId: actor.actorId, action: `accountability.${action}`, resourceType: resource.type, resourceId: resource.id, details });

const planColumns = (input: z.output<typeof planSchema>) => ({
  kind: input.kind,
  title: JSON.stringify(localizedTitle(input)),
  description: JSON.stringify(localizedText(input, 'description')),
  period_start: input.period_start,
  period_end: input.period_end,
  influence_level: input.influence_level,
});

export async function createPlan(db: Db, actor: PlanActor, input: z.output<typeof planSchema>): Promise<string> {
  const plan = await scopedPlans(db, actor.communeId).insertInto('accountability_plans', planColumns(input)).returning('id').executeTakeFirstOrThrow();
  await audit(db, actor, 'plan.created', { type: 'accountability_plan', id: plan.id });
  return plan.id;
}

export async function updatePlan(db: Db, actor: PlanActor, planId: string, input: z.output<typeof planSchema>): Promise<void> {
  await scopedPlans(db, actor.communeId).updateTable('accountability_plans').set({ ...planColumns(input), updated_at: new Date() }).where('id', '=', planId).execute();
  await audit(db, actor, 'plan.updated', { type: 'accountability_plan', id: planId });
}

export async function setPlanState(db: Db, actor: PlanActor, planId: string, state: 'draft' | 'published'): Promise<void> {
  await scopedPlans(db, actor.communeId).updateTable('accountability_plans').set({ state, updated_at: new Date() }).where('id', '=', planId).execute();
  await audit(db, actor, state === 'published' ? 'plan.published' : 'plan.unpublished', { type: 'accountability_plan', id: planId });
}

const commitmentColumns = (input: z.output<typeof commitmentSchema>) => ({
  title: JSON.stringify(localizedTitle(input)),
  problem: JSON.stringify(localizedText(input, 'problem')),
  action: JSON.stringify(localizedText(input, 'action')),
  solution: JSON.stringify(localizedText(input, 'solution')),
  expected_results: JSON.stringify(localizedText(input, 'expected_results')),
  ogp_values: JSON.stringify(input.ogp_values),
  lead_institution: input.lead_institution ?? '',
  supporters_government: input.supporters_government ?? '',
  supporters_civil_society: input.supporters_civil_society ?? '',
  supporters_other: input.supporters_other ?? '',
  contact_name: input.contact_name ?? null,
  contact_email: input.contact_email ?? null,
  start_date: input.start_date ?? null,
  end_date: input.end_date ?? null,
  policy_area: input.policy_area ?? '',
  budget_amount: input.budget_amount,
  sdgs: JSON.stringify(input.sdgs),
  weight: input.weight,
});

/** A new commitment takes the next number in its plan (numbers are what people cite). */
export async function createCommitment(db: Db, actor: PlanActor, planId: string, input: z.output<typeof commitmentSchema>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const scope = scopedPlans(trx, actor.communeId);
    await scope.selectFrom('accountability_plans').select('id').where('id', '=', planId).forUpdate().executeTakeFirstOrThrow();
    const last = await scope.selectFrom('accountability_commitments').select((eb) => eb.fn.max('number').as('number')).where('plan_id', '=', planId).executeTakeFirst();
    const created = await scope.insertInto('accountability_commitments', { ...commitmentColumns(input), plan_id: planId, number: (last?.number ?? 0) + 1 }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, actor, 'commitment.created', { type: 'accountability_commitment', id: created.id }, { planId });
    return created.id;
  });
}

export async function updateCommitment(db: Db, actor: PlanActor, commitmentId: string, input: z.output<typeof commitmentSchema>): Promise<void> {
  await scopedPlans(db, actor.communeId).updateTable('accountability_commitments').set({ ...commitmentColumns(input), updated_at: new Date() }).where('id', '=', commitmentId).execute();
  await audit(db, actor, 'commitment.updated', { type: 'accountability_commitment', id: commitmentId });
}

/**
 * A commitment's new status is an official statement: when its plan is published it also enters the commune's
 * tamper-evident record (the hash of the statement's canonical JSON), so the commune cannot quietly rewrite it.
 */
export async function setCommitmentStatus(db: Db, actor: PlanActor, commitmentId: string, status: Completion, config: LedgerKeyConfig): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const scope = scopedPlans(trx, actor.communeId);
    const before = await plansDb(trx).selectFrom('accountability_commitments as c').innerJoin('accountability_plans as p', 'p.id', 'c.plan_id').innerJoin('communes', 'communes.id', 'c.commune_id')
      .select(['c.status', 'c.number', 'c.title', 'c.plan_id', 'p.state', 'communes.slug']).where('c.id', '=', commitmentId).where('c.commune_id', '=', actor.communeId).executeTakeFirstOrThrow();
    if (before.status === status) return;
    const changedAt = new Date();
    await scope.updateTable('accountability_commitments').set({ status, updated_at: changedAt }).where('id', '=', commitmentId).execute();
    await audit(trx, actor, 'commitment.status_changed', { type: 'accountability_commitment', id: commitmentId }, { from: before.status, to: status });
    if (before.state !== 'published') return;
    const statement = JSON.stringify({ commitment: commitmentId, number: before.number, title: before.title.fr ?? '', from: before.status, to: status, at: changedAt.toISOString() });
    await appendPublication(trx, {
      communeId: actor.communeId, kind: 'commitment.status', title: `Engagement ${before.number} : ${before.status} → ${status}`,
      contentSha256: createHash('sha256').update(statement).digest('hex'), url: `/${before.slug}/plans/${before.plan_id}/commitments/${commitmentId}`,
    }, config);
  });
}

export async function addMilestone(db: Db, actor: PlanActor, commitmentId: string, input: z.output<typeof milestoneSchema>): Promise<void> {
  const scope = scopedPlans(db, actor.communeId);
  const count = await scope.selectFrom('accountability_milestones').select((eb) => eb.fn.countAll<string>().as('n')).where('commitment_id', '=', commitmentId).executeTakeFirstOrThrow();
  const created = await scope.insertInto('accountability_milestones', {
    commitment_id: commitmentId, position: Number(count.n), title: JSON.stringify({ fr: input.milestone_title }), deliverable: JSON.stringify(input.deliverable ? { fr: input.deliverable } : {}),
    start_date: input.milestone_start ?? null, end_date: input.milestone_end ?? null, responsible: input.responsible ?? '',
  }).returning('id').executeTakeFirstOrThrow();
  await audit(db, actor, 'milestone.created', { type: 'accountability_milestone', id: created.id }, { commitmentId });
}

/** A milestone of this commitment (and commune) changes status; another's is "not found". */
export async function setMilestoneStatus(db: Db, actor: PlanActor, commitmentId: string, milestoneId: string, status: Completion): Promise<void> {
  const scope = scopedPlans(db, actor.communeId);
  const before = await scope.selectFrom('accountability_milestones').select('status').where('id', '=', milestoneId).where('commitment_id', '=', commitmentId).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND');
  if (before.status === status) return;
  await scope.updateTable('accountability_milestones').set({ status, updated_at: new Date() }).where('id', '=', milestoneId).execute();
  await audit(db, actor, 'milestone.status_changed', { type: 'accountability_milestone', id: milestoneId }, { from: before.status, to: status });
}

export type NewEvidence = { title: string; url: string } | { title: string; fileId: string; kind: 'document' | 'photo' };

/** A link, or a stored file (a PDF document or a photo) already checked and saved by the upload. */
export async function addEvidence(db: Db, actor: PlanActor, commitmentId: string, evidence: NewEvidence): Promise<void> {
  const target = 'url' in evidence ? { kind: 'link' as const, url: evidence.url } : { kind: evidence.kind, file_id: evidence.fileId };
  const created = await scopedPlans(db, actor.communeId).insertInto('accountability_evidence', { commitment_id: commitmentId, title: evidence.title, added_by: actor.actorId, ...target }).returning('id').executeTakeFirstOrThrow();
  await audit(db, actor, 'evidence.added', { type: 'accountability_evidence', id: created.id }, { commitmentId, ...target });
}
