import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type ChannelDeliveryStatus, channelsDb } from '../db/tables.js';
import type { DeliveryReceipt } from '../providers/webhooks.js';

// Receipts arrive out of order (a "sent" after a "delivered"): a status only ever moves forward.
const progress: Record<ChannelDeliveryStatus, number> = { pending: 0, queued: 1, sent: 2, unknown: 3, failed: 4, delivered: 5, read: 6, suppressed: 9, capped: 9 };

const laterStatuses = (status: ChannelDeliveryStatus) => (Object.keys(progress) as ChannelDeliveryStatus[]).filter((other) => progress[other] < progress[status]);

/**
 * Applies provider receipts to the commune's messages; a redelivered or late receipt changes nothing. Receipts for
 * messages of another commune (or unknown ids) are ignored: the callback's address names the commune.
 */
export async function applyDeliveryReceipts(db: Kysely<PlatformTables>, communeId: string, receipts: readonly DeliveryReceipt[]): Promise<number> {
  let updated = 0;
  for (const receipt of receipts) {
    const result = await channelsDb(db)
      .updateTable('channel_deliveries')
      .set({ status: receipt.status, error_code: receipt.errorCode ?? null, updated_at: new Date() })
      .where('commune_id', '=', communeId)
      .where('provider', '=', receipt.provider)
      .where('external_id', '=', receipt.externalId)
      .where('status', 'in', laterStatuses(receipt.status))
      .executeTakeFirst();
    updated += Number(result.numUpdatedRows);
  }
  return updated;
}

export interface MonthlyUsage {
  /** Segments handed to providers this calendar month (commune's time zone); suppressed and capped messages cost nothing. */
  used: number;
  /** The administrator's cap; null: none. */
  cap: number | null;
}

/** Segments handed to providers this calendar month, in the commune's time zone. */
export async function segmentsUsedThisMonth(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, now = new Date()): Promise<number> {
  const month = sql`date_trunc('month', ${now}::timestamptz at time zone ${commune.time_zone})`;
  const usage = await channelsDb(db)
    .selectFrom('channel_deliveries')
    .select(sql<string>`coalesce(sum(segments), 0)`.as('used'))
    .where('commune_id', '=', commune.id)
    .where('created_at', '>', new Date(now.getTime() - 32 * 86_400_000))
    .where(sql<boolean>`date_trunc('month', created_at at time zone ${commune.time_zone}) = ${month}`)
    .where('status', 'not in', ['suppressed', 'capped'])
    .executeTakeFirstOrThrow();
  return Number(usage.used);
}

/** The administrator's monthly cap in segments; null: none. */
export async function monthlySegmentCap(db: Kysely<PlatformTables>, communeId: string): Promise<number | null> {
  const settings = await channelsDb(db).selectFrom('channel_settings').select('monthly_segment_cap').where('commune_id', '=', communeId).executeTakeFirst();
  return settings?.monthly_segment_cap ?? null;
}

export async function monthlyUsage(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, now = new Date()): Promise<MonthlyUsage> {
  const [used, cap] = await Promise.all([segmentsUsedThisMonth(db, commune, now), monthlySegmentCap(db, commune.id)]);
  return { used, cap };
}
