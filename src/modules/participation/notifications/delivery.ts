import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { MessageRegistry, Translate } from '../../../platform/i18n/i18n.js';
import { isLocale, type Locale } from '../../../platform/i18n/locales.js';
import type { MessageSender, OutgoingMessage } from '../../../platform/messaging/message-sender.js';
import type { NotificationKind } from '../db/tables.js';
import { todayIn } from '../phases.js';
import { participationDb } from '../queries/participation-queries.js';
import { communeNameOf, notificationLine, notificationRows, type NotificationRow } from './rows.js';
import { stopPath } from './stop-token.js';
import type { Delivery } from './tables.js';

export interface DeliveryContext {
  db: Kysely<PlatformTables>;
  sender: MessageSender;
  messages: MessageRegistry;
  /** Public base URL of the site, without a trailing slash, for the links in messages. */
  baseUrl: string;
  /** Signs the stop links. */
  secret: string;
}

/** Digests leave in the evening, local time of the commune concerned: one message a day, read after work. */
export const digestHour = 18;

const countKeys: Record<NotificationKind, [one: string, other: string]> = {
  proposal_answered: ['participation.notifications.count.answered_one', 'participation.notifications.count.answered_other'],
  comment_reply: ['participation.notifications.count.reply_one', 'participation.notifications.count.reply_other'],
  phase_opened: ['participation.notifications.count.phase_one', 'participation.notifications.count.phase_other'],
  proposal_merged: ['participation.notifications.count.merged_one', 'participation.notifications.count.merged_other'],
  appeal_decided: ['participation.notifications.count.appeal_one', 'participation.notifications.count.appeal_other'],
};

type PendingRow = NotificationRow & { phone_e164: string | null; email: string | null; preferred_locale: string | null };

/** Notifications not yet sent to people whose current choice is `delivery`, oldest first. */
async function pending(db: Kysely<PlatformTables>, delivery: Exclude<Delivery, 'inbox'>): Promise<PendingRow[]> {
  return notificationRows(db)
    .innerJoin('users', 'users.id', 'n.user_id')
    .leftJoin('participation_notification_preferences as prefs', 'prefs.user_id', 'n.user_id')
    .select(['users.phone_e164', 'users.email', 'users.preferred_locale'])
    .where('n.delivered_at', 'is', null)
    .where(sql<boolean>`coalesce(prefs.delivery, 'digest') = ${delivery}`)
    .orderBy('n.user_id')
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(5000)
    .execute();
}

/** Marks notifications as sent, keeping only those no other run took first. */
async function claim(db: Kysely<PlatformTables>, ids: string[], at: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await participationDb(db).updateTable('participation_notifications').set({ delivered_at: at }).where('id', 'in', ids).where('delivered_at', 'is', null).returning('id').execute();
  return new Set(rows.map((row) => row.id));
}

const release = (db: Kysely<PlatformTables>, ids: string[]) => participationDb(db).updateTable('participation_notifications').set({ delivered_at: null }).where('id', 'in', ids).execute();

function channelOf(row: PendingRow): Pick<OutgoingMessage, 'channel' | 'recipient'> | null {
  if (row.phone_e164) return { channel: 'sms', recipient: row.phone_e164 };
  if (row.email) return { channel: 'email', recipient: row.email };
  return null;
}

const localeOf = (row: PendingRow): Locale => (isLocale(row.preferred_locale) ? row.preferred_locale : row.default_locale);

/** "Ndar Toute : 2 réponses, 1 réponse à un commentaire" for each commune, in order of first appearance. */
function summaries(rows: PendingRow[], t: Translate, locale: Locale): string {
  const byCommune = new Map<string, { name: string; counts: Map<NotificationKind, number> }>();
  for (const row of rows) {
    const entry = byCommune.get(row.slug) ?? { name: communeNameOf(row, locale), counts: new Map() };
    entry.counts.set(row.kind, (entry.counts.get(row.kind) ?? 0) + 1);
    byCommune.set(row.slug, entry);
  }
  return [...byCommune.values()]
    .map(({ name, counts }) => t('participation.notifications.message.commune', { commune: name, counts: [...counts].map(([kind, count]) => t(countKeys[kind][count === 1 ? 0 : 1], { count })).join(', ') }))
    .join(' ; ');
}

/** One message for a person's day: counts per commune (SMS), plus one line per notification (e-mail). */
function digestBody(context: DeliveryContext, rows: PendingRow[], channel: OutgoingMessage['channel']): string {
  const first = rows[0]!;
  const locale = localeOf(first);
  const t = context.messages.translator(locale);
  const head = t('participation.notifications.message.digest', { summaries: summaries(rows, t, locale) });
  const lines = channel === 'email' ? rows.map((row) => { const line = notificationLine(row, t, locale); return `- ${line.text} ${context.baseUrl}${line.href}`; }) : [];
  const see = t('participation.notifications.message.see', { url: `${context.baseUrl}/inbox` });
  const stop = t('participation.notifications.message.stop', { url: context.baseUrl + stopPath(context.secret, first.user_id) });
  return [head, ...lines, see, stop].join(channel === 'email' ? '\n' : ' ');
}

function singleBody(context: DeliveryContext, row: PendingRow): string {
  const locale = localeOf(row);
  const t = context.messages.translator(locale);
  const line = notificationLine(row, t, locale);
  const stop = t('participation.notifications.message.stop', { url: context.baseUrl + stopPath(context.secret, row.user_id) });
  return `${t('participation.notifications.message.single', { commune: communeNameOf(row, locale), line: line.text })} ${context.baseUrl}${line.href} ${stop}`;
}

function groupByPerson(rows: PendingRow[]): PendingRow[][] {
  const groups = new Map<string, PendingRow[]>();
  for (const row of rows) groups.set(row.user_id, [...(groups.get(row.user_id) ?? []), row]);
  return [...groups.values()];
}

/** Sends one after the other, then reports the failures together: one unreachable number does not stop the others. */
async function eachSettled<T>(items: T[], send: (item: T) => Promise<boolean>): Promise<number> {
  const failures: unknown[] = [];
  let sent = 0;
  for (const item of items) {
    try {
      if (await send(item)) sent += 1;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} notification message(s) failed`);
  return sent;
}

/** "Each time": one message per notification, for people who chose it. Returns the messages sent. */
export async function sendEachTime(context: DeliveryContext, now: Date): Promise<number> {
  const rows = await pending(context.db, 'each_time');
  return eachSettled(rows, async (row) => {
    const taken = await claim(context.db, [row.id], now);
    const to = channelOf(row);
    if (!taken.has(row.id) || !to) return false;
    try {
      await context.sender.send({ ...to, body: singleBody(context, row), purpose: 'notification', communeId: row.commune_id });
    } catch (error) {
      await release(context.db, [row.id]);
      throw error;
    }
    return true;
  });
}

const hourIn = (timeZone: string, now: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));

/**
 * The daily digest: from `digestHour` (time zone of the commune of the person's oldest waiting
 * notification), everything waiting goes in one message; a row per person and day in
 * participation_digests makes a second run the same day, or a concurrent one, send nothing.
 */
export async function sendDigests(context: DeliveryContext, now: Date): Promise<number> {
  const pdb = participationDb(context.db);
  const people = groupByPerson(await pending(context.db, 'digest')).filter((rows) => hourIn(rows[0]!.time_zone, now) >= digestHour);
  return eachSettled(people, async (rows) => {
    const first = rows[0]!;
    const digest = await pdb.insertInto('participation_digests').values({ user_id: first.user_id, day: todayIn(first.time_zone, now) }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!digest) return false;
    const taken = await claim(context.db, rows.map((row) => row.id), now);
    const mine = rows.filter((row) => taken.has(row.id));
    const to = channelOf(first);
    if (mine.length === 0 || !to) return false;
    try {
      await context.sender.send({ ...to, body: digestBody(context, mine, to.channel), purpose: 'digest', communeId: mine.every((row) => row.slug === first.slug) ? first.commune_id : null });
      await pdb.updateTable('participation_digests').set({ notifications: mine.length }).where('id', '=', digest.id).execute();
    } catch (error) {
      await release(context.db, [...taken]);
      await pdb.deleteFrom('participation_digests').where('id', '=', digest.id).execute();
      throw error;
    }
    return true;
  });
}
