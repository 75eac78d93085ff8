import { type Kysely, sql } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from '../queries/requests-db.js';

export const statisticsPeriods = ['30d', '90d', '12m', 'all'] as const;
export type StatisticsPeriod = (typeof statisticsPeriods)[number];
export const defaultStatisticsPeriod: StatisticsPeriod = '12m';

export const isStatisticsPeriod = (value: unknown): value is StatisticsPeriod => (statisticsPeriods as readonly unknown[]).includes(value);

const shiftDays = (isoDay: string, days: number) => {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** The first filing day counted (today included in the period), or null for the whole history. */
export function periodStart(period: StatisticsPeriod, today: string): string | null {
  if (period === '30d') return shiftDays(today, -29);
  if (period === '90d') return shiftDays(today, -89);
  if (period === '12m') return shiftDays(`${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`, Number(today.slice(8, 10)));
  return null;
}

export interface CountRow<K> {
  key: K;
  count: number;
}

export interface ComplaintStatistics {
  since: string | null;
  received: number;
  /** Median days from filing to closing as resolved, among the resolved complaints filed in the period. */
  medianResolutionDays: number | null;
  resolvedCount: number;
  /** Complaints of the period that were answered, or whose deadline has passed: the base of the on-time rate. */
  deadlineReached: number;
  answeredOnTime: number;
  /** Open, unanswered and past their deadline today, whatever the period. */
  overdueNow: number;
  byCategory: CountRow<string | null>[];
  byNeighbourhood: CountRow<string | null>[];
  byStatus: CountRow<string>[];
}

type Scoped = ReturnType<typeof scoped>;

/** Every complaint of the commune, private and sensitive ones included: numbers only, no row leaves this file. */
const complaints = (db: Scoped) => db.selectFrom('requests').where('kind', '=', 'complaint');

async function summary(db: Scoped, commune: Commune, since: string | null, today: string) {
  const tz = commune.time_zone;
  const inPeriod = since ? sql`submitted_on >= ${since}::date` : sql`true`;
  const answeredDay = sql`(answered_at at time zone ${tz})::date`;
  const closedDay = sql`(closed_at at time zone ${tz})::date`;
  return complaints(db)
    .select([
      sql<string>`count(*) filter (where ${inPeriod})`.as('received'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${closedDay} - submitted_on) filter (where ${inPeriod} and stage = 'resolved' and not is_open and closed_at is not null)`.as('median_days'),
      sql<string>`count(*) filter (where ${inPeriod} and stage = 'resolved' and not is_open and closed_at is not null)`.as('resolved'),
      sql<string>`count(*) filter (where ${inPeriod} and due_on is not null and (answered_at is not null or due_on < ${today}::date))`.as('deadline_reached'),
      sql<string>`count(*) filter (where ${inPeriod} and due_on is not null and answered_at is not null and ${answeredDay} <= due_on)`.as('on_time'),
      sql<string>`count(*) filter (where is_open and answered_at is null and due_on < ${today}::date)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
}

/** Counts by category, by neighbourhood and by status in one pass over the period (grouping sets). */
async function breakdown(db: Scoped, since: string | null) {
  let query = complaints(db).select([
    'category_id',
    'neighbourhood',
    'status',
    sql<number>`grouping(category_id)`.as('no_category'),
    sql<number>`grouping(neighbourhood)`.as('no_neighbourhood'),
    sql<string>`count(*)`.as('n'),
  ]);
  if (since) query = query.where('submitted_on', '>=', since);
  return query.groupBy(sql`grouping sets ((category_id), (neighbourhood), (status))`).orderBy(sql`count(*)`, 'desc').orderBy('category_id').orderBy('neighbourhood').orderBy('status').execute();
}

/** The public figures of a commune's complaints filed in a period; `today` is the commune's calendar day. */
export async function complaintStatistics(db: Kysely<PlatformTables>, commune: Commune, period: StatisticsPeriod, today: string): Promise<ComplaintStatistics> {
  const since = periodStart(period, today);
  const communeDb = scoped(db, commune.id);
  const [totals, groups] = await Promise.all([summary(communeDb, commune, since, today), breakdown(communeDb, since)]);
  const median = totals.median_days === null ? null : Number(totals.median_days);
  return {
    since,
    received: Number(totals.received),
    medianResolutionDays: median,
    resolvedCount: Number(totals.resolved),
    deadlineReached: Number(totals.deadline_reached),
    answeredOnTime: Number(totals.on_time),
    overdueNow: Number(totals.overdue),
    byCategory: groups.filter((g) => g.no_category === 0).map((g) => ({ key: g.category_id, count: Number(g.n) })),
    byNeighbourhood: groups.filter((g) => g.no_category === 1 && g.no_neighbourhood === 0).map((g) => ({ key: g.neighbourhood, count: Number(g.n) })),
    byStatus: groups.filter((g) => g.no_category === 1 && g.no_neighbourhood === 1).map((g) => ({ key: g.status, count: Number(g.n) })),
  };
}
