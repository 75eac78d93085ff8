import { type Kysely, sql } from 'kysely';
import type { FigureWindow, Share } from '../../../platform/db/figures.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { scoped } from '../queries/requests-db.js';

/**
 * Median whole days from filing to resolution, among the complaints resolved (closed as resolved, not rejected)
 * in the window; null when none was. Private and sensitive complaints count: only a number leaves this function.
 */
export async function complaintResolutionMedianDays(db: Kysely<PlatformTables>, communeId: string, timeZone: string, window: FigureWindow): Promise<{ median: number | null; resolved: number }> {
  const closedDay = sql`(closed_at at time zone ${timeZone})::date`;
  const row = await scoped(db, communeId)
    .selectFrom('requests')
    .select([sql<number | null>`percentile_cont(0.5) within group (order by ${closedDay} - submitted_on)`.as('median'), sql<string>`count(*)`.as('resolved')])
    .where('kind', '=', 'complaint')
    .where('stage', '=', 'resolved')
    .where('is_open', '=', false)
    .where('closed_at', '>=', window.from)
    .where('closed_at', '<', window.to)
    .executeTakeFirstOrThrow();
  return { median: row.median === null ? null : Number(row.median), resolved: Number(row.resolved) };
}

/**
 * Access-to-information requests whose legal deadline (a day in the commune) fell in the window, and how many of
 * them were answered on or before that day. A request still unanswered past its deadline counts as late.
 */
export async function informationAnsweredOnTime(db: Kysely<PlatformTables>, communeId: string, timeZone: string, window: FigureWindow): Promise<Share> {
  const answeredDay = sql`(answered_at at time zone ${timeZone})::date`;
  const row = await scoped(db, communeId)
    .selectFrom('requests')
    .select([sql<string>`count(*)`.as('due'), sql<string>`count(*) filter (where answered_at is not null and ${answeredDay} <= due_on)`.as('on_time')])
    .where('kind', '=', 'information')
    .where('due_on', '>=', isoDate(window.from, timeZone))
    .where('due_on', '<', isoDate(window.to, timeZone))
    .executeTakeFirstOrThrow();
  return { numerator: Number(row.on_time), denominator: Number(row.due) };
}
