import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { type BroadcastChannel, type BroadcastKind, channelsDb, scopedChannels } from '../db/tables.js';
import { monthlyUsage, type MonthlyUsage } from '../delivery/log.js';
import { type SmsCost, smsCost } from '../sms/segments.js';

/** Staff may not flood residents: at most this many broadcasts per commune in any 24 hours… */
export const maxBroadcastsPerDay = 5;
/** … and one at a time. Messages leave in batches of `perBatch`, one batch every `secondsBetween` seconds. */
export const broadcastPace = { perBatch: 5, secondsBetween: 1 };
/** The longest text a broadcast may carry: about seven SMS parts; residents read announcements, not letters. */
export const maxBroadcastLength = 1000;

export interface BroadcastDraft {
  kind: BroadcastKind;
  body: string;
  channel: BroadcastChannel;
  locale: Locale | null;
  neighbourhood: string | null;
}

export interface Recipient {
  phone: string;
  channel: 'sms' | 'whatsapp';
}

/** Why a broadcast cannot leave now: an i18n key and its parameters. */
export interface BroadcastProblem {
  key: string;
  params: Record<string, string | number>;
}

export interface BroadcastPreview {
  recipients: Recipient[];
  sms: number;
  whatsapp: number;
  cost: SmsCost;
  /** SMS segments the whole broadcast costs (WhatsApp costs none). */
  totalSegments: number;
  usage: MonthlyUsage;
  /** Segments left under the month's cap; null without a cap. */
  remaining: number | null;
  problem: BroadcastProblem | null;
}

/** Subscribers matching the filters, minus every phone that sent STOP to the commune. */
export async function broadcastAudience(db: Kysely<PlatformTables>, communeId: string, draft: Pick<BroadcastDraft, 'channel' | 'locale' | 'neighbourhood'>): Promise<Recipient[]> {
  const channels: Recipient['channel'][] = draft.channel === 'both' ? ['sms', 'whatsapp'] : [draft.channel];
  return channelsDb(db)
    .selectFrom('channel_subscriptions as s')
    .select(['s.phone', 's.channel'])
    .where('s.commune_id', '=', communeId)
    .where('s.channel', 'in', channels)
    .$if(draft.locale !== null, (qb) => qb.where('s.locale', '=', draft.locale!))
    .$if(draft.neighbourhood !== null, (qb) => qb.where('s.neighbourhood', '=', draft.neighbourhood!))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('channel_opt_outs as o').select('o.phone').whereRef('o.commune_id', '=', 's.commune_id').whereRef('o.phone', '=', 's.phone'))),
    )
    .orderBy('s.created_at')
    .orderBy('s.phone')
    .execute();
}

/** The rate limits: one broadcast in progress, `maxBroadcastsPerDay` a day. */
async function rateLimitProblem(db: Kysely<PlatformTables>, communeId: string, now: Date): Promise<BroadcastProblem | null> {
  const broadcasts = scopedChannels(db, communeId);
  const sending = await broadcasts.selectFrom('channel_broadcasts').select('id').where('status', '=', 'sending').executeTakeFirst();
  if (sending) return { key: 'channels.broadcast.error_in_progress', params: {} };
  const { count } = await broadcasts
    .selectFrom('channel_broadcasts')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('created_at', '>', new Date(now.getTime() - 86_400_000))
    .executeTakeFirstOrThrow();
  return Number(count) >= maxBroadcastsPerDay ? { key: 'channels.broadcast.error_daily_limit', params: { max: maxBroadcastsPerDay } } : null;
}

/** What the staff see before sending: who receives it, what one SMS and the whole broadcast cost, and what stops it. */
export async function previewBroadcast(db: Kysely<PlatformTables>, commune: Commune, draft: BroadcastDraft, now = new Date()): Promise<BroadcastPreview> {
  const [recipients, usage] = await Promise.all([broadcastAudience(db, commune.id, draft), monthlyUsage(db, commune, now)]);
  const sms = recipients.filter((r) => r.channel === 'sms').length;
  const cost = smsCost(draft.body);
  const totalSegments = sms * cost.segments;
  const remaining = usage.cap === null ? null : Math.max(0, usage.cap - usage.used);
  let problem = await rateLimitProblem(db, commune.id, now);
  if (!problem && recipients.length === 0) problem = { key: 'channels.broadcast.error_no_recipients', params: {} };
  if (!problem && remaining !== null && totalSegments > remaining) problem = { key: 'channels.broadcast.error_over_cap', params: { total: totalSegments, remaining } };
  return { recipients, sms, whatsapp: recipients.length - sms, cost, totalSegments, usage, remaining, problem };
}

export const broadcastJobName = 'channels.broadcast';

/**
 * Records the broadcast and its recipients, then queues its sending. Returns the id, or the problem that refused it
 * (checked again here: the preview may be minutes old, and another staff member may have sent in between).
 */
export async function startBroadcast(services: PlatformServices, commune: Commune, actor: { userId: string | null; ip: string | null }, draft: BroadcastDraft): Promise<{ id: string } | { problem: BroadcastProblem }> {
  const preview = await previewBroadcast(services.db, commune, draft);
  if (preview.problem) return { problem: preview.problem };
  const id = await services.db.transaction().execute(async (trx) => {
    const created = await channelsDb(trx)
      .insertInto('channel_broadcasts')
      .values({ commune_id: commune.id, kind: draft.kind, body: draft.body, channel: draft.channel, locale_filter: draft.locale, neighbourhood_filter: draft.neighbourhood, status: 'sending', recipients: preview.recipients.length, created_by: actor.userId })
      .onConflict((oc) => oc.column('commune_id').where('status', '=', 'sending').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) return null;
    const rows = preview.recipients.map((r) => ({ broadcast_id: created.id, commune_id: commune.id, phone: r.phone, channel: r.channel }));
    for (let start = 0; start < rows.length; start += 500) await channelsDb(trx).insertInto('channel_broadcast_recipients').values(rows.slice(start, start + 500)).execute();
    await recordAudit(trx, {
      communeId: commune.id,
      actorUserId: actor.userId,
      action: 'channels.broadcast.created',
      resourceType: 'channel_broadcast',
      resourceId: created.id,
      ip: actor.ip,
      details: { kind: draft.kind, channel: draft.channel, locale: draft.locale, neighbourhood: draft.neighbourhood, recipients: rows.length, segments: preview.totalSegments },
    });
    return created.id;
  });
  if (!id) return { problem: { key: 'channels.broadcast.error_in_progress', params: {} } };
  // Outside the transaction: in inline mode the job runs at once, on the same database.
  await services.queue.enqueue(broadcastJobName, { broadcastId: id, communeId: commune.id }, { singletonKey: id });
  return { id };
}
