import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { writingDb } from './tables.js';

type Db = Kysely<PlatformTables>;

export async function communeName(db: Db, communeId: string): Promise<LocalizedText> {
  const row = await db.selectFrom('communes').select('name').where('id', '=', communeId).executeTakeFirst();
  return row?.name ?? {};
}

/** Commune and volunteer names by id, for the operator's lists. */
export async function namesOf(db: Db): Promise<{ communes: Map<string, LocalizedText>; people: Map<string, string> }> {
  const communes = await db.selectFrom('communes').select(['id', 'name']).execute();
  const people = await writingDb(db)
    .selectFrom('programme_deployments')
    .innerJoin('users', 'users.id', 'programme_deployments.volunteer_user_id')
    .select(['users.id', 'users.display_name'])
    .execute();
  return { communes: new Map(communes.map((c) => [c.id, c.name])), people: new Map(people.map((p) => [p.id, p.display_name ?? ''])) };
}

/** The deployments where the person is the volunteer: their desk. */
export const volunteerDeployments = (db: Db, userId: string) =>
  writingDb(db).selectFrom('programme_deployments').selectAll().where('volunteer_user_id', '=', userId).orderBy('starts_on', 'desc').execute();
