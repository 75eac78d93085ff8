import type { Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { type ChannelTables, scopedChannels } from '../db/tables.js';

export type InboundRow = Selectable<ChannelTables['channel_inbound_messages']>;

/** Messages no keyword matched and no officer has dealt with yet, oldest first: the first in is the first answered. */
export function waitingMessages(db: Kysely<PlatformTables>, communeId: string, limit = 100): Promise<InboundRow[]> {
  return scopedChannels(db, communeId).selectFrom('channel_inbound_messages').selectAll().where('matched', 'is', null).where('handled_at', 'is', null).orderBy('received_at').limit(limit).execute();
}

export async function waitingCount(db: Kysely<PlatformTables>, communeId: string): Promise<number> {
  const row = await scopedChannels(db, communeId).selectFrom('channel_inbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('matched', 'is', null).where('handled_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What officers did lately, newest first, with who did it. */
export function handledMessages(db: Kysely<PlatformTables>, communeId: string, limit = 20) {
  return scopedChannels(db, communeId)
    .selectFrom('channel_inbound_messages')
    .leftJoin('users', 'users.id', 'channel_inbound_messages.handled_by')
    .select(['channel_inbound_messages.id', 'channel', 'phone', 'body', 'received_at', 'handled_at', 'handled_as', 'handled_ref', 'users.display_name as officer'])
    .where('handled_at', 'is not', null)
    .orderBy('handled_at', 'desc')
    .limit(limit)
    .execute();
}

/** A message received by this commune (whatever its state); null for another commune's or an unknown id. */
export async function findInboundMessage(db: Kysely<PlatformTables>, communeId: string, id: string): Promise<InboundRow | null> {
  if (!isUuid(id)) return null;
  return (await scopedChannels(db, communeId).selectFrom('channel_inbound_messages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
