import type { OpenDataExport } from '../../../platform/module.js';
import { listPublicRounds } from '../queries/budget-queries.js';
import { roundResults } from './results.js';

/** Aggregated results of rounds whose vote has closed: votes, rank and funding per project; never a ballot or a voter. */
export const resultsExport: OpenDataExport = {
  id: 'budgeting-results',
  titleKey: 'budgeting.exports.results',
  rows: async (db, communeId) => {
    const rows: Record<string, unknown>[] = [];
    for (const round of await listPublicRounds(db, communeId)) {
      const results = await roundResults(db, communeId, round, new Date());
      if (results.sealed) continue;
      for (const budget of results.budgets) {
        for (const p of budget.ranking) rows.push({ round_id: round.id, sub_budget: budget.subBudget, project_id: p.id, title: p.title, currency: round.currency, cost: p.cost, votes: p.votes, rank: p.rank, funded: p.funded });
      }
    }
    return rows;
  },
};
