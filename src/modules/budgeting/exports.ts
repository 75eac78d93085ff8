import type { OpenDataExport } from '../../platform/module.js';
import { implementationExport } from './implementation-exports.js';
import { scoped } from './queries/budget-queries.js';

/** Projects of published rounds with their costs and feasibility decisions; who reviewed them is not published. */
export const budgetingExports: OpenDataExport[] = [
  {
    id: 'budgeting-projects',
    titleKey: 'budgeting.exports.projects',
    rows: async (db, communeId) =>
      scoped(db, communeId)
        .selectFrom('budget_projects')
        .innerJoin('budget_rounds', 'budget_rounds.id', 'budget_projects.round_id')
        .select([
          'budget_projects.id',
          'budget_projects.round_id',
          'budget_projects.proposal_id',
          'budget_projects.title',
          'budget_projects.neighbourhood',
          'budget_rounds.currency',
          'budget_projects.estimated_cost',
          'budget_projects.revised_cost',
          'budget_projects.cost_note',
          'budget_projects.feasibility',
          'budget_projects.feasibility_reason',
          'budget_projects.reviewed_at',
          'budget_projects.responsible_service',
          'budget_projects.created_at',
        ])
        .where('budget_rounds.status', '!=', 'draft')
        .orderBy('budget_projects.created_at')
        .orderBy('budget_projects.id')
        .execute(),
  },
  implementationExport,
];
