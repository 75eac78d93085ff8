import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { OpenDataExport } from '../../../platform/module.js';
import { financesDb } from '../db/finances-db.js';
import type { BudgetPhase } from '../db/tables.js';

/** The Fiscal Data Package's names of the budget cycle's phases. */
export const fdpPhase: Record<BudgetPhase, string> = { proposed: 'proposed', adopted: 'approved', amended: 'adjusted', executed: 'executed' };

/**
 * The published columns of a budget line, each with its Fiscal Data Package 1.0 `columnType` (undefined: a column
 * the budget taxonomy has no name for). Amounts stay exact decimal text.
 */
export const budgetColumns = [
  { name: 'year', type: 'integer', columnType: 'date:fiscal-year' },
  { name: 'phase', type: 'string', columnType: 'phase:id' },
  { name: 'line_id', type: 'string', columnType: 'budget-line-id' },
  { name: 'direction', type: 'string', columnType: 'direction' },
  { name: 'section', type: 'string', columnType: 'economic-classification:generic:level1:code' },
  { name: 'nature_code', type: 'string', columnType: 'economic-classification:generic:level2:code' },
  { name: 'nature_label', type: 'string', columnType: 'economic-classification:generic:level2:label' },
  { name: 'function_code', type: 'string', columnType: 'functional-classification:generic:level1:code' },
  { name: 'function_label', type: 'string', columnType: 'functional-classification:generic:level1:label' },
  { name: 'cofog_division', type: 'string', columnType: 'functional-classification:cofog:division:code' },
  { name: 'cofog_group', type: 'string', columnType: 'functional-classification:cofog:group:code' },
  { name: 'amount', type: 'number', columnType: 'value' },
  { name: 'paid_amount', type: 'number', columnType: undefined },
  { name: 'currency', type: 'string', columnType: 'value-currency:code' },
] as const;

export type BudgetExportRow = Record<(typeof budgetColumns)[number]['name'], string | number | null>;

const phaseOrder = sql<number>`array_position(array['proposed', 'adopted', 'amended', 'executed']::text[], l.phase)`;

/** Every budget line of the commune (or of one year and phase), with its COFOG code through the crosswalk. */
export async function budgetExportRows(db: Kysely<PlatformTables>, communeId: string, only?: { year: number; phase: BudgetPhase }): Promise<BudgetExportRow[]> {
  let query = financesDb(db)
    .selectFrom('finance_budget_lines as l')
    .innerJoin('communes as c', 'c.id', 'l.commune_id')
    .leftJoin('finance_cofog_crosswalk as x', (join) => join.onRef('x.commune_id', '=', 'l.commune_id').onRef('x.function_code', '=', 'l.function_code'))
    .where('l.commune_id', '=', communeId)
    .select(['l.year', 'l.phase', 'l.line_key', 'l.direction', 'l.section', 'l.nature_code', 'l.nature_label', 'l.function_code', 'l.function_label', 'x.cofog_code', 'l.amount', 'l.paid_amount', 'c.currency'])
    .orderBy('l.year')
    .orderBy(phaseOrder)
    .orderBy('l.line_key');
  if (only) query = query.where('l.year', '=', only.year).where('l.phase', '=', only.phase);
  const rows = await query.execute();
  return rows.map((row) => ({
    year: row.year,
    phase: fdpPhase[row.phase],
    line_id: row.line_key,
    direction: row.direction,
    section: row.section,
    nature_code: row.nature_code,
    nature_label: row.nature_label,
    function_code: row.function_code,
    function_label: row.function_label,
    cofog_division: row.cofog_code?.slice(0, 2) ?? '',
    cofog_group: row.cofog_code?.includes('.') ? row.cofog_code : '',
    amount: row.amount,
    paid_amount: row.paid_amount,
    currency: row.currency,
  }));
}

/** The budget lines in the open-data portal (CSV, JSON, datastore_search), every year and phase in one table. */
export const budgetLinesExport: OpenDataExport = {
  id: 'budget-lines',
  titleKey: 'finances.budgets.export_title',
  descriptionKey: 'finances.budgets.export_description',
  rows: (db, communeId) => budgetExportRows(db, communeId),
};
