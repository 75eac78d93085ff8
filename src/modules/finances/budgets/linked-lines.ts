import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { financesDb } from '../db/finances-db.js';
import { type BudgetPhase, budgetPhases } from '../db/tables.js';
import type { LinkTargetType } from './links.js';

/** A budget line that funds something of another module (a commitment, a project), as that module shows it. */
export interface LinkedBudgetLine {
  year: number;
  natureLabel: string;
  functionLabel: string;
  /** The line in its latest phase: the executed account once there is one, else the amended or voted budget. */
  phase: BudgetPhase;
  amount: string;
  paidAmount: string | null;
  /** The public page listing the line (its function that year, or the breakdown by nature). */
  path: string;
}

const latestFirst = [...budgetPhases].reverse();

/** The budget lines staff linked to one target, each in its latest phase, newest year first. */
export async function budgetLinesLinkedTo(db: Kysely<PlatformTables>, commune: { id: string; slug: string }, target: { type: LinkTargetType; id: string }): Promise<LinkedBudgetLine[]> {
  const rows = await financesDb(db)
    .selectFrom('finance_line_links as k')
    .innerJoin('finance_budget_lines as l', (join) => join.onRef('l.commune_id', '=', 'k.commune_id').onRef('l.year', '=', 'k.year').onRef('l.line_key', '=', 'k.line_key'))
    .select(['l.year', 'l.line_key', 'l.phase', 'l.nature_label', 'l.function_label', 'l.function_code', 'l.amount', 'l.paid_amount'])
    .where('k.commune_id', '=', commune.id)
    .where('k.target_type', '=', target.type)
    .where('k.target_id', '=', target.id)
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.year}|${row.line_key}`;
    const kept = latest.get(key);
    if (!kept || latestFirst.indexOf(row.phase) < latestFirst.indexOf(kept.phase)) latest.set(key, row);
  }
  return [...latest.values()]
    .sort((a, b) => b.year - a.year || a.line_key.localeCompare(b.line_key))
    .map((row) => ({
      year: row.year, natureLabel: row.nature_label, functionLabel: row.function_label, phase: row.phase, amount: row.amount, paidAmount: row.paid_amount,
      // A line without a function code appears only in the breakdown by nature.
      path: row.function_code ? `/${commune.slug}/finances/${row.year}/functions/${encodeURIComponent(row.function_code)}?phase=${row.phase}` : `/${commune.slug}/finances/${row.year}/natures?phase=${row.phase}`,
    }));
}
