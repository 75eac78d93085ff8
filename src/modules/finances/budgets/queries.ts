import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { scoped } from '../db/finances-db.js';
import type { BudgetImportRow, BudgetPhase } from '../db/tables.js';

export interface LoadedPhase {
  year: number;
  phase: BudgetPhase;
  lines: number;
}

/** How many lines each year and phase holds, newest year first. */
export async function loadedPhases(db: Kysely<PlatformTables>, communeId: string): Promise<LoadedPhase[]> {
  const rows = await scoped(db, communeId)
    .selectFrom('finance_budget_lines')
    .select((eb) => ['year', 'phase', eb.fn.countAll<string>().as('lines')])
    .groupBy(['year', 'phase'])
    .orderBy('year', 'desc')
    .execute();
  return rows.map((row) => ({ year: row.year, phase: row.phase, lines: Number(row.lines) }));
}

export const recentImports = (db: Kysely<PlatformTables>, communeId: string) =>
  scoped(db, communeId).selectFrom('finance_budget_imports').selectAll().orderBy('created_at', 'desc').limit(20).execute();

export async function findImport(db: Kysely<PlatformTables>, communeId: string, id: string): Promise<BudgetImportRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('finance_budget_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface YearLine {
  line_key: string;
  direction: string;
  nature_label: string;
  function_label: string;
}

/** The distinct lines of a year, whatever their phase (one per line key), expenditure first. */
export async function linesOfYear(db: Kysely<PlatformTables>, communeId: string, year: number): Promise<YearLine[]> {
  return scoped(db, communeId)
    .selectFrom('finance_budget_lines')
    .select(['line_key', 'direction', sql<string>`max(nature_label)`.as('nature_label'), sql<string>`max(function_label)`.as('function_label')])
    .where('year', '=', year)
    .groupBy(['line_key', 'direction'])
    .orderBy('direction')
    .orderBy('line_key')
    .execute();
}
