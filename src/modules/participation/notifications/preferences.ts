import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type NotificationKind, notificationKinds } from '../db/tables.js';
import { participationDb } from '../queries/participation-queries.js';
import type { Delivery } from './tables.js';

export interface NotificationPreferences {
  enabledKinds: NotificationKind[];
  delivery: Delivery;
}

/** Without a saved choice: every kind, gathered in a daily digest (the issue asks for digests by default). */
export const defaultPreferences: NotificationPreferences = { enabledKinds: [...notificationKinds], delivery: 'digest' };

export async function preferencesOf(db: Kysely<PlatformTables>, userId: string): Promise<NotificationPreferences> {
  const row = await participationDb(db).selectFrom('participation_notification_preferences').select(['disabled_kinds', 'delivery']).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return defaultPreferences;
  return { enabledKinds: notificationKinds.filter((kind) => !row.disabled_kinds.includes(kind)), delivery: row.delivery };
}

/** Saves the choices; notifications still waiting to be sent follow them (stopped means nothing more is sent). */
export async function savePreferences(db: Kysely<PlatformTables>, userId: string, choice: NotificationPreferences): Promise<void> {
  const disabled = notificationKinds.filter((kind) => !choice.enabledKinds.includes(kind));
  const pdb = participationDb(db);
  await pdb
    .insertInto('participation_notification_preferences')
    .values({ user_id: userId, disabled_kinds: disabled, delivery: choice.delivery, updated_at: new Date() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ disabled_kinds: disabled, delivery: choice.delivery, updated_at: new Date() }))
    .execute();
  let pending = pdb.updateTable('participation_notifications').set({ delivered_at: new Date() }).where('user_id', '=', userId).where('delivered_at', 'is', null);
  if (choice.delivery !== 'inbox') pending = pending.where(sql<boolean>`kind = any(${sql.val(disabled)}::text[])`);
  if (choice.delivery === 'inbox' || disabled.length > 0) await pending.execute();
}

/** "Stop everything": every kind off and nothing sent, in one step (the stop link in messages does this). */
export async function stopAllNotifications(db: Kysely<PlatformTables>, userId: string): Promise<void> {
  await savePreferences(db, userId, { enabledKinds: [], delivery: 'inbox' });
}
