import { type Kysely, sql } from 'kysely';
import type { FigureWindow, Share } from '../../../platform/db/figures.js';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { isoDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { calendarOf } from '../deadlines/calendar.js';
import { addWorkingDays, type WorkingCalendar } from '../deadlines/working-days.js';
import { procedureDb } from '../procedures/tables.js';
import { periodStart, type StatisticsPeriod } from './complaint-statistics.js';

export type DelayBasis = 'legal' | 'usual';

/** What the page and the export show of a procedure: counts and days only, never a request. */
export interface ProcedureFigures {
  received: number;
  /** Requests that reached "ready" (collected ones included). */
  ready: number;
  medianDaysToReady: number | null;
  refused: number;
  /** Ready, or not ready with the announced delay passed: the base of the within-delay share. */
  delayReached: number;
  readyWithinDelay: number;
}

export interface ProcedureRow extends ProcedureFigures {
  procedureId: string;
  title: LocalizedText;
  delayDays: number | null;
  delayBasis: DelayBasis | null;
}

export interface ProcedureStatistics {
  since: string | null;
  procedures: ProcedureRow[];
  overall: ProcedureFigures;
}

/** Filing days [fromDay, toDay) and the instant the stages are read at (now, or the end of a scorecard window). */
export interface Span {
  fromDay: string | null;
  toDay: string;
  asOf: Date;
}

interface Catalogued {
  id: string;
  title: LocalizedText;
  delay_days: number | null;
  delay_basis: DelayBasis | null;
}

const shiftDays = (isoDay: string, days: number) => {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * The last day a request may be ready on: a legal delay counts working days of the commune's calendar (as the
 * platform counts every legal deadline), a usual one calendar days, both from the day after filing.
 */
export function announcedDueOn(submittedOn: string, delayDays: number, basis: DelayBasis | null, calendar: WorkingCalendar): string {
  return basis === 'legal' ? addWorkingDays(submittedOn, delayDays, calendar) : shiftDays(submittedOn, delayDays);
}

/** The commune's procedures, and any service a request still points at (a procedure turned back into a service). */
async function catalogue(db: Kysely<PlatformTables>, communeId: string): Promise<Catalogued[]> {
  const rows = await sql<Catalogued>`
    select s.id, s.title, s.delay_days, s.delay_basis from commune_services s
    where s.commune_id = ${communeId}
      and (s.kind = 'procedure' or exists (select 1 from requests r where r.commune_id = ${communeId} and r.procedure_id = s.id))
    order by s.position, s.id`.execute(db);
  return rows.rows;
}

const procedureRequests = (db: Kysely<PlatformTables>, communeId: string, span: Span) => {
  let query = procedureDb(db).selectFrom('requests').where('requests.commune_id', '=', communeId).where('kind', '=', 'procedure').where('submitted_on', '<', span.toDay);
  if (span.fromDay) query = query.where('submitted_on', '>=', span.fromDay);
  return query;
};

/** Counts per procedure and overall in one pass (grouping sets); a stage counts only if reached before `asOf`. */
async function counts(db: Kysely<PlatformTables>, communeId: string, timeZone: string, span: Span) {
  const ready = sql`ready_at is not null and ready_at < ${span.asOf}`;
  const readyDay = sql`(ready_at at time zone ${timeZone})::date`;
  return procedureRequests(db, communeId, span)
    .select([
      'procedure_id',
      sql<number>`grouping(procedure_id)`.as('is_total'),
      sql<string>`count(*)`.as('received'),
      sql<string>`count(*) filter (where ${ready})`.as('ready'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${readyDay} - submitted_on) filter (where ${ready})`.as('median_days'),
      sql<string>`count(*) filter (where stage = 'refused' and closed_at < ${span.asOf})`.as('refused'),
    ])
    .groupBy(sql`grouping sets ((procedure_id), ())`)
    .execute();
}

/** Requests grouped by filing day and ready day (null: not ready yet), refused ones left out unless ready before. */
async function delayGroups(db: Kysely<PlatformTables>, communeId: string, timeZone: string, span: Span, procedureIds: string[]) {
  if (procedureIds.length === 0) return [];
  const ready = sql`ready_at is not null and ready_at < ${span.asOf}`;
  return procedureRequests(db, communeId, span)
    .select([
      'procedure_id',
      sql<string>`to_char(submitted_on, 'YYYY-MM-DD')`.as('submitted'),
      sql<string | null>`case when ${ready} then to_char((ready_at at time zone ${timeZone})::date, 'YYYY-MM-DD') end`.as('ready_on'),
      sql<string>`count(*)`.as('n'),
    ])
    .where('procedure_id', 'in', procedureIds)
    // A refusal is an answer, not a delay: a refused request is counted as refused, not as late.
    .where(sql<boolean>`(not (stage = 'refused' and closed_at < ${span.asOf}) or (${ready}))`)
    .groupBy([sql`1`, sql`2`, sql`3`])
    .execute();
}

type DelayCount = Pick<ProcedureFigures, 'delayReached' | 'readyWithinDelay'>;

/** Ready by the due day counts as within; not ready with the due day before `today` counts as late; the rest waits. */
function withinDelay(groups: Awaited<ReturnType<typeof delayGroups>>, procedures: Map<string, Catalogued>, calendar: WorkingCalendar, today: string) {
  const byProcedure = new Map<string, DelayCount>();
  const dueCache = new Map<string, string>();
  for (const group of groups) {
    const procedure = procedures.get(group.procedure_id ?? '');
    if (!procedure || procedure.delay_days === null) continue;
    const key = `${procedure.id}|${group.submitted}`;
    const due = dueCache.get(key) ?? announcedDueOn(group.submitted, procedure.delay_days, procedure.delay_basis, calendar);
    dueCache.set(key, due);
    if (group.ready_on === null && due >= today) continue;
    const count = byProcedure.get(procedure.id) ?? { delayReached: 0, readyWithinDelay: 0 };
    count.delayReached += Number(group.n);
    if (group.ready_on !== null && group.ready_on <= due) count.readyWithinDelay += Number(group.n);
    byProcedure.set(procedure.id, count);
  }
  return byProcedure;
}

const noFigures = (): ProcedureFigures => ({ received: 0, ready: 0, medianDaysToReady: null, refused: 0, delayReached: 0, readyWithinDelay: 0 });

function figuresOf(row: Awaited<ReturnType<typeof counts>>[number] | undefined, delay: DelayCount | undefined): ProcedureFigures {
  if (!row) return { ...noFigures(), ...delay };
  const median = row.median_days === null ? null : Number(row.median_days);
  return { received: Number(row.received), ready: Number(row.ready), medianDaysToReady: median, refused: Number(row.refused), delayReached: delay?.delayReached ?? 0, readyWithinDelay: delay?.readyWithinDelay ?? 0 };
}

/** The figures of a commune's procedure requests filed in a span, per procedure (catalogue order) and overall. */
export async function procedureFigures(db: Kysely<PlatformTables>, commune: Pick<Commune, 'id' | 'country' | 'time_zone'>, span: Span): Promise<Omit<ProcedureStatistics, 'since'>> {
  const procedures = await catalogue(db, commune.id);
  const byId = new Map(procedures.map((p) => [p.id, p]));
  const withDelay = procedures.filter((p) => p.delay_days !== null).map((p) => p.id);
  const [rows, groups, calendar] = await Promise.all([counts(db, commune.id, commune.time_zone, span), delayGroups(db, commune.id, commune.time_zone, span, withDelay), calendarOf(db, commune)]);
  const delays = withinDelay(groups, byId, calendar, isoDate(span.asOf, commune.time_zone));
  const total = [...delays.values()].reduce((sum, d) => ({ delayReached: sum.delayReached + d.delayReached, readyWithinDelay: sum.readyWithinDelay + d.readyWithinDelay }), { delayReached: 0, readyWithinDelay: 0 });
  return {
    procedures: procedures.map((p) => ({
      procedureId: p.id,
      title: p.title,
      delayDays: p.delay_days,
      delayBasis: p.delay_basis,
      ...figuresOf(rows.find((r) => Number(r.is_total) === 0 && r.procedure_id === p.id), delays.get(p.id)),
    })),
    overall: figuresOf(rows.find((r) => Number(r.is_total) === 1), total),
  };
}

/** The public figures of a period, by filing day in the commune's calendar; `today` is that calendar's day. */
export async function procedureStatistics(db: Kysely<PlatformTables>, commune: Pick<Commune, 'id' | 'country' | 'time_zone'>, period: StatisticsPeriod, today: string, now = new Date()): Promise<ProcedureStatistics> {
  const since = periodStart(period, today);
  const figures = await procedureFigures(db, commune, { fromDay: since, toDay: shiftDays(today, 1), asOf: now });
  return { since, ...figures };
}

/**
 * For the network scorecard: procedure requests filed in the window that were ready within the announced delay, over
 * those ready or past their delay at the window's end (stages read as they stood then).
 */
export async function proceduresReadyWithinDelay(db: Kysely<PlatformTables>, communeId: string, timeZone: string, window: FigureWindow): Promise<Share> {
  const commune = await db.selectFrom('communes').select(['id', 'country']).where('id', '=', communeId).executeTakeFirstOrThrow();
  const span = { fromDay: isoDate(window.from, timeZone), toDay: isoDate(window.to, timeZone), asOf: window.to };
  const { overall } = await procedureFigures(db, { ...commune, time_zone: timeZone }, span);
  return { numerator: overall.readyWithinDelay, denominator: overall.delayReached };
}
