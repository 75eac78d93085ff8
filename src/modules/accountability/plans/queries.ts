import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { commitmentAssessments } from '../reports/queries.js';
import { commitmentPercent, planPercent } from './progress.js';
import { commitmentTimeline } from './timeline.js';
import { type CommitmentRow, plansDb, scopedPlans } from './tables.js';

export interface CommitmentProgress {
  commitment: CommitmentRow;
  percent: number;
  milestones: number;
}

/**
 * A plan of this commune with each commitment's progress and the plan's; another commune's plan is not found, and
 * so is a draft when only published plans are asked for.
 */
export async function planProgress(db: Kysely<PlatformTables>, communeId: string, planId: string, options: { publishedOnly?: boolean } = {}) {
  if (!isUuid(planId)) return undefined;
  const scope = scopedPlans(db, communeId);
  let query = scope.selectFrom('accountability_plans').selectAll().where('id', '=', planId);
  if (options.publishedOnly) query = query.where('state', '=', 'published');
  const plan = await query.executeTakeFirst();
  if (!plan) return undefined;
  const commitments = await scope.selectFrom('accountability_commitments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
  const milestones = commitments.length === 0 ? [] : await scope.selectFrom('accountability_milestones').select(['commitment_id', 'status', 'weight']).where('commitment_id', 'in', commitments.map((c) => c.id)).execute();
  const progress: CommitmentProgress[] = commitments.map((commitment) => {
    const own = milestones.filter((m) => m.commitment_id === commitment.id);
    return { commitment, percent: commitmentPercent(commitment, own), milestones: own.length };
  });
  return { plan, commitments: progress, percent: planPercent(progress.map((p) => ({ weight: p.commitment.weight, percent: p.percent }))) };
}

export type PlanProgress = NonNullable<Awaited<ReturnType<typeof planProgress>>>;

/** The commune's published plans, newest period first, each with its progress. */
export async function publishedPlans(db: Kysely<PlatformTables>, communeId: string): Promise<PlanProgress[]> {
  const plans = await scopedPlans(db, communeId).selectFrom('accountability_plans').select('id').where('state', '=', 'published').orderBy('period_start', 'desc').execute();
  const progress = await Promise.all(plans.map((plan) => planProgress(db, communeId, plan.id)));
  return progress.filter((p): p is PlanProgress => p !== undefined);
}

/** One commitment of a published plan with its milestones and evidence, in order. */
export async function commitmentDetail(db: Kysely<PlatformTables>, communeId: string, planId: string, commitmentId: string) {
  const plan = await planProgress(db, communeId, planId, { publishedOnly: true });
  const entry = plan?.commitments.find((c) => c.commitment.id === commitmentId);
  if (!plan || !entry) return undefined;
  const scope = scopedPlans(db, communeId);
  const [milestones, evidence] = await Promise.all([
    scope.selectFrom('accountability_milestones').selectAll().where('commitment_id', '=', commitmentId).orderBy('position').orderBy('start_date').execute(),
    scope.selectFrom('accountability_evidence').selectAll().where('commitment_id', '=', commitmentId).orderBy('added_at').execute(),
  ]);
  const timeline = await commitmentTimeline(db, communeId, commitmentId, milestones.map((m) => m.id));
  const assessments = await commitmentAssessments(db, communeId, commitmentId);
  return { plan: plan.plan, ...entry, milestoneRows: milestones, evidence, timeline, assessments };
}

/** Commitments of the commune's published plans, for other modules to link to (a budget line that funds one). */
export async function linkableCommitments(db: Kysely<PlatformTables>, communeId: string, communeSlug: string) {
  const rows = await plansDb(db)
    .selectFrom('accountability_commitments as c')
    .innerJoin('accountability_plans as p', 'p.id', 'c.plan_id')
    .select(['c.id', 'c.number', 'c.title', 'c.plan_id'])
    .where('c.commune_id', '=', communeId)
    .where('p.state', '=', 'published')
    .orderBy('p.period_start', 'desc')
    .orderBy('c.number')
    .execute();
  return rows.map((row) => ({ id: row.id, number: row.number, title: row.title, path: `/${communeSlug}/plans/${row.plan_id}/commitments/${row.id}` }));
}
