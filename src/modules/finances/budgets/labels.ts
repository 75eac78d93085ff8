import type { BudgetPhase } from '../db/tables.js';
import type { BudgetFieldId } from './fields.js';

/** Message keys written out whole, so that the catalogue check finds each one used. */
export const phaseLabelKeys: Record<BudgetPhase, string> = {
  proposed: 'finances.budgets.phase_proposed',
  adopted: 'finances.budgets.phase_adopted',
  amended: 'finances.budgets.phase_amended',
  executed: 'finances.budgets.phase_executed',
};

export const fieldLabelKeys: Record<BudgetFieldId, string> = {
  direction: 'finances.budgets.field_direction',
  section: 'finances.budgets.field_section',
  nature_code: 'finances.budgets.field_nature_code',
  nature_label: 'finances.budgets.field_nature_label',
  function_code: 'finances.budgets.field_function_code',
  function_label: 'finances.budgets.field_function_label',
  amount: 'finances.budgets.field_amount',
  paid_amount: 'finances.budgets.field_paid_amount',
  phase: 'finances.budgets.field_phase',
};

export const problemKeys: Record<string, string> = {
  missing: 'finances.budgets.problem_missing',
  not_direction: 'finances.budgets.problem_not_direction',
  not_section: 'finances.budgets.problem_not_section',
  not_amount: 'finances.budgets.problem_not_amount',
  other_phase: 'finances.budgets.problem_other_phase',
  duplicate_line: 'finances.budgets.problem_duplicate_line',
  paid_over_mandated: 'finances.budgets.problem_paid_over_mandated',
  paid_outside_execution: 'finances.budgets.problem_paid_outside_execution',
  not_tabular: 'finances.budgets.file_not_tabular',
  no_header: 'finances.budgets.file_no_header',
  too_many_rows: 'finances.budgets.file_too_many_rows',
  unreadable: 'finances.budgets.file_unreadable',
};

export const stateKeys: Record<string, string> = {
  mapping: 'finances.budgets.state_mapping',
  applied: 'finances.budgets.state_applied',
  unchanged: 'finances.budgets.state_unchanged',
  failed: 'finances.budgets.state_failed',
};
