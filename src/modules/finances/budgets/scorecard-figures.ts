import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { financesDb } from '../db/finances-db.js';
import { budgetPhases } from '../db/tables.js';

/**
 * For the latest fiscal year with any budget published before `to`, which of the budget cycle's phases (proposed,
 * adopted, amended, executed) have lines published by then; null when the commune has published no budget yet.
 */
export async function budgetPhasesPublished(db: Kysely<PlatformTables>, communeId: string, to: Date): Promise<{ year: number; published: number; expected: number } | null> {
  const rows = await financesDb(db)
    .selectFrom('finance_budget_lines as l')
    .leftJoin('finance_budget_imports as i', 'i.id', 'l.import_id')
    .select(['l.year', 'l.phase'])
    .distinct()
    .where('l.commune_id', '=', communeId)
    // Lines loaded by an import count from the moment it was applied; lines written otherwise have no date.
    .where(sql<boolean>`(l.import_id is null or i.applied_at < ${to})`)
    .execute();
  if (rows.length === 0) return null;
  const year = Math.max(...rows.map((r) => r.year));
  const published = new Set(rows.filter((r) => r.year === year).map((r) => r.phase));
  return { year, published: budgetPhases.filter((phase) => published.has(phase)).length, expected: budgetPhases.length };
}
