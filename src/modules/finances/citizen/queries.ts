import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { CitizenBudgetRow, CitizenBudgetSection } from '../db/tables.js';
import { scoped } from '../db/finances-db.js';

type Db = Kysely<PlatformTables>;

export async function findCitizenBudget(db: Db, communeId: string, year: number): Promise<CitizenBudgetRow | undefined> {
  return scoped(db, communeId).selectFrom('finance_citizen_budgets').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function isCitizenBudgetPublished(db: Db, communeId: string, year: number): Promise<boolean> {
  const row = await scoped(db, communeId).selectFrom('finance_citizen_budgets').select('published').where('year', '=', year).executeTakeFirst();
  return row?.published === true;
}

/** Citizen budgets of the commune, newest first, for the back-office list. */
export async function citizenBudgetsOf(db: Db, communeId: string): Promise<Pick<CitizenBudgetRow, 'year' | 'title' | 'published' | 'updated_at'>[]> {
  return scoped(db, communeId).selectFrom('finance_citizen_budgets').select(['year', 'title', 'published', 'updated_at']).orderBy('year', 'desc').execute();
}

export interface CitizenBudgetContent {
  title: LocalizedText;
  introduction: LocalizedText;
  sections: CitizenBudgetSection[];
}

/** Creates or replaces the year's text; publication is left as it was (a new page starts unpublished). */
export async function saveCitizenBudget(db: Db, communeId: string, year: number, userId: string | null, content: CitizenBudgetContent): Promise<string> {
  const columns = { title: JSON.stringify(content.title), introduction: JSON.stringify(content.introduction), sections: JSON.stringify(content.sections), updated_by: userId, updated_at: new Date() };
  const row = await scoped(db, communeId)
    .insertInto('finance_citizen_budgets', { year, ...columns })
    .onConflict((oc) => oc.columns(['commune_id', 'year']).doUpdateSet(columns))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setCitizenBudgetPublished(db: Db, communeId: string, year: number, userId: string | null, published: boolean): Promise<boolean> {
  const result = await scoped(db, communeId)
    .updateTable('finance_citizen_budgets')
    .set({ published, updated_by: userId, updated_at: new Date() })
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
