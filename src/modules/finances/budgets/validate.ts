import type { BudgetDirection, BudgetPhase, BudgetRowError, BudgetSection } from '../db/tables.js';
import type { BudgetFieldId, Mapping } from './fields.js';
import { amountFormatOf, amountIn, directionOf, lineKeyOf, phaseOf, sectionOf } from './values.js';

export interface SourceLine {
  line: number;
  cells: string[];
}

export interface ValidLine {
  direction: BudgetDirection;
  section: BudgetSection;
  nature_code: string;
  nature_label: string;
  function_code: string;
  function_label: string;
  line_key: string;
  amount: string;
  paid_amount: string | null;
}

/** The reasons a row is refused; each has a message in the import's catalogue. */
export type RowProblem = 'missing' | 'not_direction' | 'not_section' | 'not_amount' | 'other_phase' | 'duplicate_line' | 'paid_over_mandated' | 'paid_outside_execution';

class RowRefused extends Error {
  constructor(readonly problem: RowProblem, readonly column?: string) {
    super(problem);
  }
}

/** Reads one row of the file under the mapping; throws RowRefused with the first problem found. */
function lineOf(cellOf: (field: BudgetFieldId) => string, headerOf: (field: BudgetFieldId) => string | undefined, amountOf: (field: 'amount' | 'paid_amount') => string | null, phase: BudgetPhase): ValidLine {
  const required = (field: BudgetFieldId) => {
    const value = cellOf(field).trim();
    if (!value) throw new RowRefused('missing', headerOf(field));
    return value;
  };
  const direction = directionOf(required('direction'));
  if (!direction) throw new RowRefused('not_direction', headerOf('direction'));
  const section = sectionOf(required('section'));
  if (!section) throw new RowRefused('not_section', headerOf('section'));
  const stated = cellOf('phase').trim();
  if (stated && phaseOf(stated) !== phase) throw new RowRefused('other_phase', headerOf('phase'));
  required('amount');
  const amount = amountOf('amount');
  if (amount === null) throw new RowRefused('not_amount', headerOf('amount'));
  const paid = cellOf('paid_amount').trim() ? amountOf('paid_amount') : null;
  if (cellOf('paid_amount').trim() && paid === null) throw new RowRefused('not_amount', headerOf('paid_amount'));
  if (paid !== null && phase !== 'executed') throw new RowRefused('paid_outside_execution', headerOf('paid_amount'));
  if (paid !== null && Number(paid) > Number(amount) && Number(amount) >= 0) throw new RowRefused('paid_over_mandated', headerOf('paid_amount'));
  const codes = { direction, section, nature_code: required('nature_code'), function_code: cellOf('function_code').trim() };
  return { ...codes, nature_label: required('nature_label'), function_label: cellOf('function_label').trim(), line_key: lineKeyOf(codes), amount, paid_amount: paid };
}

/**
 * Every row of the file checked against the mapping and the phase staff chose: the lines that fit, and each row
 * that does not with its line number and reason. A line whose codes repeat an earlier one is refused, not summed.
 */
export function validateRows(header: string[], rows: SourceLine[], mapping: Mapping, phase: BudgetPhase): { lines: ValidLine[]; errors: BudgetRowError[] } {
  const indexOf = (field: BudgetFieldId) => (mapping[field] === undefined ? -1 : header.indexOf(mapping[field]!));
  const amountColumns = { amount: indexOf('amount'), paid_amount: indexOf('paid_amount') };
  const formats = {
    amount: amountFormatOf(rows.map((row) => row.cells[amountColumns.amount] ?? '')),
    paid_amount: amountFormatOf(rows.map((row) => row.cells[amountColumns.paid_amount] ?? '')),
  };
  const lines: ValidLine[] = [];
  const errors: BudgetRowError[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const cellOf = (field: BudgetFieldId) => row.cells[indexOf(field)] ?? '';
    const amountOf = (field: 'amount' | 'paid_amount') => amountIn(cellOf(field), formats[field]);
    try {
      const line = lineOf(cellOf, (field) => mapping[field], amountOf, phase);
      if (seen.has(line.line_key)) throw new RowRefused('duplicate_line');
      seen.set(line.line_key, row.line);
      lines.push(line);
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      errors.push({ line: row.line, ...(error.column ? { column: error.column } : {}), message: error.problem });
    }
  }
  return { lines, errors };
}
