import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { OpenDataExport } from '../../../platform/module.js';
import { votersByChannel } from '../../budgeting/index.js';
import { proposalsByChannel, surveyResponsesByChannel } from '../../participation/index.js';
import { complaintsByChannel } from '../../requests/index.js';
import { scopedChannels } from '../db/tables.js';

export const statisticChannels = ['web', 'ussd', 'sms', 'whatsapp', 'mediator', 'other'] as const;
export type StatisticChannel = (typeof statisticChannels)[number];
export const contributionKinds = ['complaints', 'proposals', 'survey_responses', 'budget_votes', 'inbound_messages'] as const;
export type ContributionKind = (typeof contributionKinds)[number];

/** How each channel and kind is named to people (catalogue keys), for every page that counts contributions. */
export const channelKeys: Record<StatisticChannel, string> = {
  web: 'channels.stats.channel_web',
  ussd: 'channels.stats.channel_ussd',
  sms: 'channels.stats.channel_sms',
  whatsapp: 'channels.stats.channel_whatsapp',
  mediator: 'channels.stats.channel_mediator',
  other: 'channels.stats.channel_other',
};

export const kindKeys: Record<ContributionKind, string> = {
  complaints: 'channels.stats.kind_complaints',
  proposals: 'channels.stats.kind_proposals',
  survey_responses: 'channels.stats.kind_survey_responses',
  budget_votes: 'channels.stats.kind_budget_votes',
  inbound_messages: 'channels.stats.kind_inbound_messages',
};

export interface ChannelRow {
  month: string;
  channel: StatisticChannel;
  kind: ContributionKind;
  count: number;
}

export interface ChannelStatistics {
  /** The last twelve months, oldest first ('YYYY-MM' in the commune's time zone). */
  months: string[];
  rows: ChannelRow[];
}

type Counts = { month: string; channel: string; count: number }[];
type Counter = (db: Kysely<PlatformTables>, communeId: string, since: Date, timeZone: string) => Promise<Counts>;

/** Paper ballots, mediators entering for someone and proposals gathered at a meeting are all "in person". */
const inPerson = new Set(['mediator', 'paper', 'meeting']);
export const statisticChannel = (channel: string): StatisticChannel =>
  (statisticChannels as readonly string[]).includes(channel) ? (channel as StatisticChannel) : inPerson.has(channel) ? 'mediator' : 'other';

/** Inbound SMS and WhatsApp messages per month (in the commune's time zone) since a date. */
const inboundByChannel: Counter = async (db, communeId, since, timeZone) => {
  const rows = await scopedChannels(db, communeId)
    .selectFrom('channel_inbound_messages')
    .select([sql<string>`to_char(received_at at time zone ${timeZone}, 'YYYY-MM')`.as('month'), 'channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('received_at', '>=', since)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ month: r.month, channel: r.channel, count: Number(r.count) }));
};

// Each module counts its own rows (through its index.ts); this module only adds them up.
export const contributionCounters: Record<ContributionKind, Counter> = {
  complaints: complaintsByChannel,
  proposals: proposalsByChannel,
  survey_responses: surveyResponsesByChannel,
  budget_votes: votersByChannel,
  inbound_messages: inboundByChannel,
};

/** The twelve months ending with the current one in that time zone. */
export function lastTwelveMonths(timeZone: string, now: Date): string[] {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 12 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** Contributions by month, channel and kind over the last twelve months: counts only, nobody in them. */
export async function channelStatistics(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, now = new Date()): Promise<ChannelStatistics> {
  const months = lastTwelveMonths(commune.time_zone, now);
  return { months, rows: await contributionsInMonths(db, commune, months) };
}

/** Contributions by month, channel and kind for the given months ('YYYY-MM', in the commune's time zone, in order). */
export async function contributionsInMonths(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, months: string[]): Promise<ChannelRow[]> {
  if (months.length === 0) return [];
  // A day early: the first month starts at midnight in the commune, not in UTC; rows are then kept by their month.
  const since = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - 86_400_000);
  const wanted = new Set(months);
  const sums = new Map<string, ChannelRow>();
  for (const kind of contributionKinds) {
    for (const row of await contributionCounters[kind](db, commune.id, since, commune.time_zone)) {
      if (!wanted.has(row.month)) continue;
      const channel = statisticChannel(row.channel);
      const key = `${row.month}|${channel}|${kind}`;
      const sum = sums.get(key) ?? { month: row.month, channel, kind, count: 0 };
      sums.set(key, { ...sum, count: sum.count + row.count });
    }
  }
  const order = (r: ChannelRow) => [r.month, contributionKinds.indexOf(r.kind), statisticChannels.indexOf(r.channel)] as const;
  return [...sums.values()].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0].localeCompare(y[0]) || x[1] - y[1] || x[2] - y[2];
  });
}

export const total = (rows: ChannelRow[], where: (row: ChannelRow) => boolean) => rows.filter(where).reduce((sum, r) => sum + r.count, 0);

/** The open-data dataset: one row per month, channel and kind with a count (no personal data). */
export const channelsParticipationExport: OpenDataExport = {
  id: 'channels-participation',
  titleKey: 'channels.stats.export_title',
  descriptionKey: 'channels.stats.export_description',
  rows: async (db, communeId) => {
    const commune = await db.selectFrom('communes').select(['id', 'time_zone']).where('id', '=', communeId).executeTakeFirstOrThrow();
    return (await channelStatistics(db, commune)).rows.map(({ month, channel, kind, count }) => ({ month, channel, kind, count }));
  },
};
