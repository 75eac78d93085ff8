import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { commitmentPercent, planPercent } from './progress.js';
import { type CommitmentRow, scopedPlans } from './tables.js';

export interface CommitmentProgress {
  commitment: CommitmentRow;
  percent: number;
  milestones: number;
}

/** A plan of this commune with each commitment's progress and the plan's; another commune's plan is not found. */
export async function planProgress(db: Kysely<PlatformTables>, communeId: string, planId: string) {
  if (!isUuid(planId)) return undefined;
  const scope = scopedPlans(db, communeId);
  const plan = await scope.selectFrom('accountability_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const commitments = await scope.selectFrom('accountability_commitments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
  const milestones = commitments.length === 0 ? [] : await scope.selectFrom('accountability_milestones').select(['commitment_id', 'status', 'weight']).where('commitment_id', 'in', commitments.map((c) => c.id)).execute();
  const progress: CommitmentProgress[] = commitments.map((commitment) => {
    const own = milestones.filter((m) => m.commitment_id === commitment.id);
    return { commitment, percent: commitmentPercent(commitment, own), milestones: own.length };
  });
  return { plan, commitments: progress, percent: planPercent(progress.map((p) => ({ weight: p.commitment.weight, percent: p.percent }))) };
}
