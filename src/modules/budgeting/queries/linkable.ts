import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { budgetingDb } from './budget-queries.js';

export interface LinkableProject {
  id: string;
  title: string;
  roundTitle: Record<string, string>;
  /** Its public page. */
  path: string;
}

/** Projects of the commune's published participatory-budget rounds, for other modules to link to. */
export async function linkableProjects(db: Kysely<PlatformTables>, communeId: string, communeSlug: string): Promise<LinkableProject[]> {
  const rows = await budgetingDb(db)
    .selectFrom('budget_projects as p')
    .innerJoin('budget_rounds as r', 'r.id', 'p.round_id')
    .select(['p.id', 'p.title', 'p.round_id', 'r.title as round_title'])
    .where('p.commune_id', '=', communeId)
    .where('r.status', '!=', 'draft')
    .orderBy('r.created_at', 'desc')
    .orderBy('p.title')
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, roundTitle: row.round_title, path: `/${communeSlug}/budgets/${row.round_id}/projects/${row.id}` }));
}
