import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { ModuleJob } from '../../../platform/module.js';
import { budgetingDb } from '../queries/budget-queries.js';
import { recordClosedResults } from './results-record.js';

/**
 * Once a round's vote has closed nothing may link a person to a ballot any more: the sealed references are
 * erased for every such round. Safe to run twice, or in two processes at once.
 */
export async function eraseSealedRefsAfterClose(db: Kysely<PlatformTables>, now: Date): Promise<number> {
  const budgets = budgetingDb(db);
  const closed = budgets.selectFrom('budget_round_phases').select('round_id').where('kind', '=', 'voting').where('ends_at', '<=', now);
  const result = await budgets.updateTable('budget_voters').set({ sealed_ballot_ref: null }).where('sealed_ballot_ref', 'is not', null).where('round_id', 'in', closed).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const budgetingJobs: ModuleJob[] = [
  { id: 'budgeting.seal-closed-votes', everyMinutes: 5, run: async (services, now) => void (await eraseSealedRefsAfterClose(services.db, now)) },
  { id: 'budgeting.record-results', everyMinutes: 5, run: async (services, now) => void (await recordClosedResults(services.db, services.config, now)) },
];
