import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { channelsDb, scopedChannels } from '../db/tables.js';

/** Where a STOP came from, for the staff who wonder why a phone receives nothing. */
export type OptOutSource = 'sms' | 'whatsapp' | 'ussd' | 'provider';

/**
 * True when this phone stopped messages from this commune. Without a commune (a digest spanning communes), a STOP
 * sent to any commune counts: the person asked for silence and cannot know which line the digest comes from.
 */
export async function isOptedOut(db: Kysely<PlatformTables>, communeId: string | null, phone: string): Promise<boolean> {
  let query = channelsDb(db).selectFrom('channel_opt_outs').select('phone').where('phone', '=', phone);
  if (communeId) query = query.where('commune_id', '=', communeId);
  return !!(await query.executeTakeFirst());
}

/** STOP: the phone's subscriptions end and nothing unsolicited is sent to it any more by this commune. */
export async function optOut(db: Kysely<PlatformTables>, communeId: string, phone: string, source: OptOutSource): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await scopedChannels(trx, communeId).insertInto('channel_opt_outs', { phone, source }).onConflict((oc) => oc.doNothing()).execute();
    await scopedChannels(trx, communeId).deleteFrom('channel_subscriptions').where('phone', '=', phone).execute();
  });
}

/** The person wrote to subscribe again: only they can lift their own STOP. */
export async function optIn(db: Kysely<PlatformTables>, communeId: string, phone: string): Promise<void> {
  await scopedChannels(db, communeId).deleteFrom('channel_opt_outs').where('phone', '=', phone).execute();
}
