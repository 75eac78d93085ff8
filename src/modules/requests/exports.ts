import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { OpenDataExport } from '../../platform/module.js';
import { scoped } from './queries/requests-db.js';

// Local calendar days of the commune, so "answered on time" means what the citizen saw on the due date.
const localDay = (column: string) => sql`(${sql.ref(column)} at time zone communes.time_zone)::date`;
const communeToday = sql`(now() at time zone communes.time_zone)::date`;

/**
 * Public complaints (never private or sensitive ones), one row each: dates, category, status and how long it took.
 * Only the columns listed here leave the database: no description, position, photo or anything about the reporter.
 */
export async function complaintRows(db: Kysely<PlatformTables>, communeId: string): Promise<Record<string, unknown>[]> {
  const answeredDay = localDay('requests.answered_at');
  const closedDay = localDay('requests.closed_at');
  return scoped(db, communeId)
    .selectFrom('requests')
    .innerJoin('request_categories', (join) => join.onRef('request_categories.id', '=', 'requests.category_id').onRef('request_categories.commune_id', '=', 'requests.commune_id'))
    .innerJoin('communes', 'communes.id', 'requests.commune_id')
    .select([
      'requests.reference',
      'request_categories.code as category_code',
      sql<string>`coalesce(request_categories.name ->> communes.default_locale, request_categories.name ->> 'fr')`.as('category_name'),
      'requests.neighbourhood',
      'requests.submitted_on',
      'requests.due_on',
      'requests.status',
      sql<'open' | 'closed'>`case when requests.is_open then 'open' else 'closed' end`.as('open311_status'),
      sql<string | null>`${closedDay}`.as('closed_on'),
      sql<number | null>`case when requests.stage = 'resolved' and not requests.is_open and requests.closed_at is not null then ${closedDay} - requests.submitted_on end`.as('resolution_days'),
      // Blank while it is still within its deadline and unanswered: neither yes nor no yet.
      sql<'yes' | 'no' | null>`case
        when requests.due_on is null then null
        when requests.answered_at is not null then case when ${answeredDay} <= requests.due_on then 'yes' else 'no' end
        when requests.due_on < ${communeToday} then 'no'
      end`.as('answered_within_deadline'),
    ])
    .where('requests.kind', '=', 'complaint')
    .where('requests.is_private', '=', false)
    .where('requests.sensitive', '=', false)
    .orderBy('requests.submitted_on')
    .orderBy('requests.reference')
    .execute();
}

const answeredStatuses = ['answered_full', 'answered_part', 'refused'] as const;

async function informationMonths(db: Kysely<PlatformTables>, communeId: string) {
  const answered = sql`requests.answered_at is not null and requests.status in (${sql.join(answeredStatuses.map((s) => sql.lit(s)))})`;
  return scoped(db, communeId)
    .selectFrom('requests')
    .innerJoin('communes', 'communes.id', 'requests.commune_id')
    .select([
      sql<string>`to_char(requests.submitted_on, 'YYYY-MM')`.as('month'),
      sql<string>`count(*)`.as('received'),
      sql<string>`count(*) filter (where ${answered})`.as('answered'),
      sql<string>`count(*) filter (where ${answered} and requests.due_on is not null and ${localDay('requests.answered_at')} <= requests.due_on)`.as('answered_on_time'),
      sql<string>`count(*) filter (where requests.status = 'refused' and requests.answered_at is not null)`.as('refused'),
    ])
    .where('requests.kind', '=', 'information')
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
}

/** Refusals per month and ground: the ground is the reason recorded with the (last) "refused" status change. */
async function refusalGrounds(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId)
    .selectFrom('requests')
    .select([
      sql<string>`to_char(requests.submitted_on, 'YYYY-MM')`.as('month'),
      sql<string>`coalesce(nullif((
        select e.reason from request_events e
        where e.request_id = requests.id and e.commune_id = requests.commune_id and e.kind = 'status' and e.status = 'refused'
        order by e.created_at desc limit 1), ''), 'unspecified')`.as('ground'),
      sql<string>`count(*)`.as('n'),
    ])
    .where('requests.kind', '=', 'information')
    .where('requests.status', '=', 'refused')
    .where('requests.answered_at', 'is not', null)
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .execute();
}

/** Access-to-information requests per month of filing: received, answered, answered on time, refused and why. */
export async function informationStatisticsRows(db: Kysely<PlatformTables>, communeId: string): Promise<Record<string, unknown>[]> {
  const [months, grounds] = await Promise.all([informationMonths(db, communeId), refusalGrounds(db, communeId)]);
  return months.map((m) => ({
    month: m.month,
    received: Number(m.received),
    answered: Number(m.answered),
    answered_on_time: Number(m.answered_on_time),
    refused: Number(m.refused),
    // "ground: count" pairs, so the CSV keeps one row per month.
    refused_by_ground: grounds.filter((g) => g.month === m.month).map((g) => `${g.ground}: ${Number(g.n)}`).join('; '),
  }));
}

export const requestsExports: OpenDataExport[] = [
  { id: 'requests-complaints', titleKey: 'requests.exports.complaints', rows: complaintRows },
  { id: 'requests-information-statistics', titleKey: 'requests.exports.information_statistics', rows: informationStatisticsRows },
];
