import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type ChannelDeliveryStatus, channelsDb } from '../db/tables.js';
import { monthlyUsage, type MonthlyUsage } from '../delivery/log.js';

/** Months shown on the cost page: this one and the eleven before it. */
export const reportMonths = 12;

/** Messages and segments of one month, channel and provider; messages not sent (STOP, cap) are left out. */
export interface UsageRow {
  month: string;
  channel: 'sms' | 'whatsapp';
  provider: string;
  messages: number;
  segments: number;
}

/** How the page groups the delivery statuses. */
export type StatusGroup = 'delivered' | 'pending' | 'failed' | 'suppressed' | 'capped';
export const statusGroups: readonly StatusGroup[] = ['delivered', 'pending', 'failed', 'suppressed', 'capped'];
const groupOf: Record<ChannelDeliveryStatus, StatusGroup> = { delivered: 'delivered', read: 'delivered', pending: 'pending', queued: 'pending', sent: 'pending', unknown: 'pending', failed: 'failed', suppressed: 'suppressed', capped: 'capped' };

export interface CostReport {
  usage: MonthlyUsage;
  /** 'YYYY-MM' in the commune's time zone, oldest first, the current month last. */
  months: string[];
  rows: UsageRow[];
  /** Message counts by status group, this month and over the twelve months. */
  statuses: { thisMonth: Record<StatusGroup, number>; year: Record<StatusGroup, number> };
}

/** 'YYYY-MM' of a moment in a time zone. */
export function monthOf(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The `count` months ending with `last` ('YYYY-MM'), oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

const emptyGroups = (): Record<StatusGroup, number> => ({ delivered: 0, pending: 0, failed: 0, suppressed: 0, capped: 0 });

/** What the commune's SMS and WhatsApp messages cost over the last twelve months, from the delivery log. */
export async function costReport(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, now = new Date()): Promise<CostReport> {
  const current = monthOf(now, commune.time_zone);
  const months = monthsEndingWith(current, reportMonths);
  const monthExpr = sql<string>`to_char(created_at at time zone ${commune.time_zone}, 'YYYY-MM')`;
  // A day's margin before the first month lets the index cut the rows; the time-zone months are exact below.
  const inPeriod = channelsDb(db)
    .selectFrom('channel_deliveries')
    .where('commune_id', '=', commune.id)
    .where('created_at', '>=', new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - 86_400_000))
    .where(monthExpr, 'in', months);
  const [usageRows, statusRows, usage] = await Promise.all([
    inPeriod
      .select([monthExpr.as('month'), 'channel', 'provider', (eb) => eb.fn.countAll<string>().as('messages'), (eb) => eb.fn.sum<string>('segments').as('segments')])
      .where('status', 'not in', ['suppressed', 'capped'])
      // By position: the time zone is a parameter, so the same expression written twice would not match.
      .groupBy([sql`1`, 'channel', 'provider'])
      .orderBy('month')
      .orderBy('channel')
      .orderBy('provider')
      .execute(),
    inPeriod.select([sql<boolean>`${monthExpr} = ${current}`.as('current'), 'status', (eb) => eb.fn.countAll<string>().as('count')]).groupBy([sql`1`, 'status']).execute(),
    monthlyUsage(db, commune, now),
  ]);
  const statuses = { thisMonth: emptyGroups(), year: emptyGroups() };
  for (const row of statusRows) {
    const group = groupOf[row.status];
    statuses.year[group] += Number(row.count);
    if (row.current) statuses.thisMonth[group] += Number(row.count);
  }
  const rows = usageRows.map((row) => ({ month: row.month, channel: row.channel, provider: row.provider, messages: Number(row.messages), segments: Number(row.segments ?? 0) }));
  return { usage, months, rows, statuses };
}

/** Share of the cap used, in percent (null without a cap); the page warns from 80 %. */
export const capShare = (usage: MonthlyUsage): number | null => (usage.cap === null ? null : Math.floor((usage.used / usage.cap) * 100));
export const capWarningPercent = 80;

/** Sets the commune's monthly cap in segments; null removes it. Returns the cap it replaces. */
export async function setMonthlyCap(db: Kysely<PlatformTables>, communeId: string, cap: number | null): Promise<number | null> {
  const cdb = channelsDb(db);
  const previous = await cdb.selectFrom('channel_settings').select('monthly_segment_cap').where('commune_id', '=', communeId).executeTakeFirst();
  await cdb
    .insertInto('channel_settings')
    .values({ commune_id: communeId, monthly_segment_cap: cap, updated_at: new Date() })
    .onConflict((oc) => oc.column('commune_id').doUpdateSet({ monthly_segment_cap: cap, updated_at: new Date() }))
    .execute();
  return previous?.monthly_segment_cap ?? null;
}
