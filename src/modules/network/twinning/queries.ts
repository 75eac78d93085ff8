import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type ActivityRow, twinningDb, type TwinningRow, type TwinningStatus } from './tables.js';

export interface Side {
  /** Null for a partner outside this install. */
  slug: string | null;
  name: LocalizedText | string;
  country: string;
  url: string | null;
}

export interface TwinningView extends TwinningRow {
  declarer: Side;
  partner: Side;
  activities: ActivityRow[];
}

/** Both sides with their names, and the activities, for the rows given. */
async function withSides(db: Kysely<PlatformTables>, rows: TwinningRow[]): Promise<TwinningView[]> {
  if (rows.length === 0) return [];
  const communeIds = [...new Set(rows.flatMap((r) => [r.commune_id, r.partner_commune_id ?? r.commune_id]))];
  const [communes, activities] = await Promise.all([
    db.selectFrom('communes').select(['id', 'slug', 'name', 'country']).where('id', 'in', communeIds).execute(),
    twinningDb(db).selectFrom('network_twinning_activities').selectAll().where('twinning_id', 'in', rows.map((r) => r.id)).orderBy('date').orderBy('id').execute(),
  ]);
  const sideOf = (id: string): Side => {
    const commune = communes.find((c) => c.id === id);
    return { slug: commune?.slug ?? null, name: commune?.name ?? '', country: commune?.country ?? '', url: null };
  };
  return rows.map((row) => ({
    ...row,
    declarer: sideOf(row.commune_id),
    partner: row.partner_commune_id ? sideOf(row.partner_commune_id) : { slug: null, name: row.partner_name, country: row.partner_country, url: row.partner_url },
    activities: activities.filter((a) => a.twinning_id === row.id),
  }));
}

/** A commune's twinnings, as declarer or as partner, in the given states. */
export async function communeTwinnings(db: Kysely<PlatformTables>, communeId: string, statuses: readonly TwinningStatus[]): Promise<TwinningView[]> {
  const rows = await twinningDb(db)
    .selectFrom('network_twinnings')
    .selectAll()
    .where((eb) => eb.or([eb('commune_id', '=', communeId), eb('partner_commune_id', '=', communeId)]))
    .where('status', 'in', [...statuses])
    .orderBy('started_on', 'desc')
    .orderBy('id')
    .execute();
  return withSides(db, rows);
}

export async function activeTwinnings(db: Kysely<PlatformTables>): Promise<TwinningView[]> {
  const rows = await twinningDb(db).selectFrom('network_twinnings').selectAll().where('status', '=', 'active').orderBy('started_on', 'desc').orderBy('id').execute();
  return withSides(db, rows);
}

/** A twinning this commune declared; another commune's (even one it is partner of) is "not found" here. */
export async function findDeclared(db: Kysely<PlatformTables>, communeId: string, id: string): Promise<TwinningView | null> {
  const row = await twinningDb(db).selectFrom('network_twinnings').selectAll().where('id', '=', id).where('commune_id', '=', communeId).executeTakeFirst();
  return row ? ((await withSides(db, [row]))[0] ?? null) : null;
}
