import { type Kysely, sql } from 'kysely';
import type { FigureWindow, Share } from '../../platform/db/figures.js';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import { isoDate } from '../../platform/i18n/format.js';
import { councilDb } from './council/tables.js';
import { scopedForum } from './forum/tables.js';
import { scopedComments } from './plans/comments/tables.js';
import { planProgress } from './plans/queries.js';
import { scopedPlans } from './plans/tables.js';

/** Days the law or the programme gives a commune to publish a council decision after its session. */
export const decisionPublicationDays = 30;

/**
 * Decisions of the council sessions held in the window, and how many were published within 30 days of their
 * session (and before the window ends). A decision whose 30 days are still running at the end of the window and
 * that is not published yet is left out: it is not late yet.
 */
export async function councilDecisionsPublishedTimely(db: Kysely<PlatformTables>, communeId: string, timeZone: string, window: FigureWindow): Promise<Share> {
  const toDay = isoDate(window.to, timeZone);
  const publishedDay = sql`(d.published_at at time zone ${timeZone})::date`;
  const publishedInTime = sql`(d.published_at is not null and d.published_at < ${window.to} and ${publishedDay} <= s.session_date + ${decisionPublicationDays}::int)`;
  const row = await councilDb(db)
    .selectFrom('council_sessions as s')
    .innerJoin('council_decisions as d', (join) => join.onRef('d.session_id', '=', 's.id').onRef('d.commune_id', '=', 's.commune_id'))
    .select([sql<string>`count(*) filter (where ${publishedInTime} or s.session_date + ${decisionPublicationDays}::int < ${toDay}::date)`.as('due'), sql<string>`count(*) filter (where ${publishedInTime})`.as('timely')])
    .where('s.commune_id', '=', communeId)
    .where('s.session_date', '>=', isoDate(window.from, timeZone))
    .where('s.session_date', '<', toDay)
    .executeTakeFirstOrThrow();
  return { numerator: Number(row.timely), denominator: Number(row.due) };
}

/** Meetings of the commune's accountability forum that took place in the window (not ones still to come). */
export async function forumMeetingsHeld(db: Kysely<PlatformTables>, communeId: string, window: FigureWindow, now = new Date()): Promise<number> {
  const end = window.to < now ? window.to : now;
  const row = await scopedForum(db, communeId)
    .selectFrom('accountability_forum_meetings')
    .select((eb) => eb.fn.countAll<string>().as('held'))
    .where('starts_at', '>=', window.from)
    .where('starts_at', '<', end)
    .executeTakeFirstOrThrow();
  return Number(row.held);
}

/**
 * The weighted progress (per cent) of the commune's current published plan: the one whose period covers the last
 * day of the window, else the latest one started by then; null without such a plan. Progress is the plan's as of
 * today (milestone statuses keep no history).
 */
export async function currentPlanProgress(db: Kysely<PlatformTables>, communeId: string, timeZone: string, window: FigureWindow): Promise<{ planId: string; percent: number | null } | null> {
  const lastDay = isoDate(new Date(window.to.getTime() - 1), timeZone);
  const plan = await scopedPlans(db, communeId)
    .selectFrom('accountability_plans')
    .select('id')
    .where('state', '=', 'published')
    .where('period_start', '<=', lastDay)
    .orderBy(sql`period_end >= ${lastDay}::date`, 'desc')
    .orderBy('period_start', 'desc')
    .executeTakeFirst();
  if (!plan) return null;
  const progress = await planProgress(db, communeId, plan.id, { publishedOnly: true });
  return progress ? { planId: plan.id, percent: progress.percent } : null;
}

/**
 * Residents' comments on commitments posted in the window (hidden ones left out), and how many have the commune's
 * reasoned response (an outcome and its written reasons) given before the window ends.
 */
export async function commitmentCommentsAnswered(db: Kysely<PlatformTables>, communeId: string, window: FigureWindow): Promise<Share> {
  const answered = sql`outcome is not null and coalesce(trim(response), '') <> '' and responded_at < ${window.to}`;
  const row = await scopedComments(db, communeId)
    .selectFrom('accountability_comments')
    .select([sql<string>`count(*)`.as('posted'), sql<string>`count(*) filter (where ${answered})`.as('answered')])
    .where('hidden_at', 'is', null)
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to)
    .executeTakeFirstOrThrow();
  return { numerator: Number(row.answered), denominator: Number(row.posted) };
}
