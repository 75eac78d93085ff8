import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { contributionCounters, contributionKinds, type StatisticChannel, statisticChannel } from './statistics.js';

/** The channels a resident reaches the commune with from any phone. */
export const phoneChannels = ['ussd', 'sms', 'whatsapp'] as const satisfies readonly StatisticChannel[];

/** 'YYYY-MM' of an instant in the commune's time zone. */
const monthOf = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(at).slice(0, 7);

/**
 * Contributions (complaints, proposals, survey responses, budget votes, inbound messages) by channel over the whole
 * months of the commune (its time zone) from the month of `from` up to the month before `to`, the months the
 * channels statistics page shows. Paper, meetings and mediators are one bucket, 'mediator'.
 */
export async function contributionsByChannel(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, window: { from: Date; to: Date }): Promise<Map<StatisticChannel, number>> {
  const [first, end] = [monthOf(window.from, commune.time_zone), monthOf(window.to, commune.time_zone)];
  // A day early: a month starts at midnight in the commune, not in UTC; rows are then kept by their month.
  const since = new Date(window.from.getTime() - 86_400_000);
  const sums = new Map<StatisticChannel, number>();
  for (const kind of contributionKinds) {
    for (const row of await contributionCounters[kind](db, commune.id, since, commune.time_zone)) {
      if (row.month < first || row.month >= end) continue;
      const channel = statisticChannel(row.channel);
      sums.set(channel, (sums.get(channel) ?? 0) + row.count);
    }
  }
  return sums;
}
