import type { OpenDataExport } from '../../platform/module.js';
import { scoped } from './queries/budget-queries.js';

/** Tracked projects of published rounds: state, spending and cost; never who recorded the updates. */
export const implementationExport: OpenDataExport = {
  id: 'budgeting-implementation',
  titleKey: 'budgeting.exports.implementation',
  rows: async (db, communeId) =>
    scoped(db, communeId)
      .selectFrom('budget_projects')
      .innerJoin('budget_rounds', 'budget_rounds.id', 'budget_projects.round_id')
      .select((eb) => [
        'budget_projects.id',
        'budget_projects.round_id',
        'budget_projects.title',
        'budget_projects.neighbourhood',
        'budget_projects.implementation_status',
        'budget_projects.progress',
        'budget_rounds.currency',
        'budget_projects.spent_to_date',
        eb.fn.coalesce('budget_projects.revised_cost', 'budget_projects.estimated_cost').as('cost'),
        eb.selectFrom('budget_project_updates').select((u) => u.fn.max('budget_project_updates.created_at').as('last')).whereRef('budget_project_updates.project_id', '=', 'budget_projects.id').as('last_update_at'),
      ])
      .where('budget_rounds.status', '!=', 'draft')
      .where('budget_projects.implementation_status', 'is not', null)
      .orderBy('budget_projects.neighbourhood')
      .orderBy('budget_projects.id')
      .execute(),
};
