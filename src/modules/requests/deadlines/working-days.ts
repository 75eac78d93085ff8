import Holidays from 'date-holidays';
import { isoDate } from '../../../platform/i18n/format.js';

/**
 * Legal deadlines counted in working days, in a commune's own calendar.
 *
 * Dates are ISO calendar dates 'YYYY-MM-DD' in the commune's local calendar (see `localDate`). Internally a date is a
 * day number (days since 1970-01-01): deadlines are recomputed for thousands of requests, and integer steps avoid
 * building a Date and a string for every day walked.
 */

/** Where and when a commune works: its country's weekend and public holidays, minus its own closures. */
export interface WorkingCalendar {
  /** ISO 3166-1 alpha-2 code; an unknown code means weekends only, no public holidays. */
  country: string;
  /** Commune-specific closures (strike, local feast, office move): inclusive date ranges. */
  closures: readonly { from: string; to: string }[];
}

/** A period when the clock stopped, e.g. clarification asked (`from`) and answered (`to`); `to: null` = not yet. */
export interface Pause {
  from: string;
  to: string | null;
}

const MS_PER_DAY = 86_400_000;
// A calendar whose closures never end would loop forever; two centuries is far beyond any legal deadline.
const SEARCH_LIMIT_DAYS = 200 * 366;
const SATURDAY = 6;
const SUNDAY = 0;

/** Weekend days (0 = Sunday … 6 = Saturday) by country; Saturday and Sunday where a country is not listed. */
const weekendByCountry: Readonly<Record<string, readonly number[]>> = {
  SN: [SATURDAY, SUNDAY],
  GN: [SATURDAY, SUNDAY],
  GW: [SATURDAY, SUNDAY],
  NE: [SATURDAY, SUNDAY],
  BJ: [SATURDAY, SUNDAY],
  BF: [SATURDAY, SUNDAY],
  MA: [SATURDAY, SUNDAY],
  TN: [SATURDAY, SUNDAY],
};
const defaultWeekend: readonly number[] = [SATURDAY, SUNDAY];

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO date; throws RangeError on anything that is not a real calendar date. */
function toDayNumber(date: string): number {
  const match = isoDatePattern.exec(date);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC silently rolls 2026-02-30 over to March: reject it instead.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const countryHolidays = new Map<string, Holidays | null>();
const holidaySets = new Map<string, ReadonlySet<number>>();

/** 'sn ' → 'SN'; anything that is not a two-letter code becomes '' (weekends only), so caches stay small. */
function countryCode(country: string): string {
  const code = country.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : '';
}

/** date-holidays parses its rule data on construction: build one per country, never throw for an unknown one. */
function holidaysOf(country: string): Holidays | null {
  if (!countryHolidays.has(country)) countryHolidays.set(country, loadCountry(country));
  return countryHolidays.get(country) ?? null;
}

function loadCountry(country: string): Holidays | null {
  if (country === '') return null;
  try {
    return new Holidays(country, { types: ['public'] });
  } catch {
    return null;
  }
}

/** Public holidays of one country falling in one year, as day numbers; computed once per country×year. */
function publicHolidays(country: string, year: number): ReadonlySet<number> {
  const key = `${country}:${year}`;
  let days = holidaySets.get(key);
  if (!days) {
    const found = new Set<number>();
    // The previous year is read too, in case a multi-day holiday starting on 31 December runs into this year.
    for (const listedYear of [year - 1, year]) {
      for (const day of holidayDays(country, listedYear)) if (yearOf(day) === year) found.add(day);
    }
    days = found;
    holidaySets.set(key, days);
  }
  return days;
}

function holidayDays(country: string, year: number): number[] {
  return listHolidays(country, year)
    .filter((holiday) => holiday.type === 'public')
    .flatMap((holiday) => {
      const first = toDayNumber(holiday.date.slice(0, 10));
      // `date` is the local calendar day; start/end give the length (rounded: a DST change can shift them by an hour).
      const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / MS_PER_DAY));
      return Array.from({ length }, (_, offset) => first + offset);
    });
}

function listHolidays(country: string, year: number): ReturnType<Holidays['getHolidays']> {
  try {
    return holidaysOf(country)?.getHolidays(year) ?? [];
  } catch {
    return []; // A rule the library cannot compute for a far year must not break a deadline: fall back to weekends.
  }
}

/** Inclusive day-number ranges; a range whose end precedes its start covers nothing and is dropped. */
function nonEmptyRanges(ranges: [number, number][]): [number, number][] {
  return ranges.filter(([from, to]) => from <= to);
}

function inRanges(day: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([from, to]) => from <= day && day <= to);
}

/**
 * A compiled calendar: the per-day test used by every walk. It remembers the current year's holiday set so a walk of
 * many days does one Map lookup per year rather than per day.
 */
function workingDayTest(calendar: WorkingCalendar): (day: number) => boolean {
  const country = countryCode(calendar.country);
  const weekend = new Set(weekendByCountry[country] ?? defaultWeekend);
  const closures = nonEmptyRanges(calendar.closures.map((closure) => [toDayNumber(closure.from), toDayNumber(closure.to)]));
  let cachedYear = Number.NaN;
  let holidays: ReadonlySet<number> = new Set();
  return (day) => {
    if (weekend.has(weekdayOf(day))) return false;
    const year = yearOf(day);
    if (year !== cachedYear) {
      cachedYear = year;
      holidays = publicHolidays(country, year);
    }
    return !holidays.has(day) && !inRanges(day, closures);
  };
}

function assertDayCount(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`A number of working days must be a whole number ≥ 0, got ${days}`);
}

/** Not a weekend day of the country, not one of its public holidays, not inside a commune closure. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return workingDayTest(calendar)(toDayNumber(date));
}

/** Walks forward from `start` (excluded) to the `days`-th day accepted by `counts`; null if it lies after `lastDay`. */
function walk(start: number, days: number, counts: (day: number) => boolean, lastDay = start + SEARCH_LIMIT_DAYS): number | null {
  let day = start;
  let counted = 0;
  while (counted < days) {
    day += 1;
    if (day > lastDay) return null;
    if (counts(day)) counted += 1;
  }
  return day;
}

function tooFar(start: string): RangeError {
  return new RangeError(`No deadline within two centuries of ${start}: check the closures`);
}

/** The `days`-th working day strictly after `start` (the day of submission does not count); `start` itself for 0. */
export function addWorkingDays(start: string, days: number, calendar: WorkingCalendar): string {
  assertDayCount(days);
  const result = walk(toDayNumber(start), days, workingDayTest(calendar));
  if (result === null) throw tooFar(start);
  return fromDayNumber(result);
}

/** Working days in (from, to]: `from` excluded, `to` included; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const first = toDayNumber(from);
  const last = toDayNumber(to);
  const isWorking = workingDayTest(calendar);
  let count = 0;
  for (let day = first + 1; day <= last; day += 1) if (isWorking(day)) count += 1;
  return count;
}

/**
 * The deadline of a request, or null while the clock is stopped.
 *
 * The clock runs from the day after `submittedOn`. A pause {from, to} stops it on the working days in (from, to]: the
 * day clarification is asked still counts (the body worked on the request that day), the day the answer arrives does
 * not (the requester used it), so the clock restarts the next day, exactly as after a submission. A pause therefore
 * pushes the deadline by the working days in (from, to] that fall before the deadline is reached:
 * - a pause that starts on or after the (already pushed) deadline day changes nothing: the clock had already run out;
 * - days before `submittedOn` never counted, so a pause starting earlier only covers the days after submission;
 * - overlapping pauses do not stop the clock twice; a pause whose `to` precedes its `from` covers nothing;
 * - an open pause (`to: null`) that starts before the deadline is reached stops the clock indefinitely: the result is
 *   null ("clock stopped") until the answer date is known.
 */
export function dueDate(input: { submittedOn: string; workingDays: number; calendar: WorkingCalendar; pauses?: readonly Pause[] }): string | null {
  const { submittedOn, workingDays, calendar, pauses = [] } = input;
  assertDayCount(workingDays);
  const start = toDayNumber(submittedOn);
  const isWorking = workingDayTest(calendar);
  // Closed pauses stop the clock on (from, to], i.e. the inclusive range from + 1 … to.
  const closed = pauses.flatMap((pause): [number, number][] => (pause.to === null ? [] : [[toDayNumber(pause.from) + 1, toDayNumber(pause.to)]]));
  const stopped = nonEmptyRanges(closed);
  const openSince = Math.min(...pauses.filter((pause) => pause.to === null).map((pause) => toDayNumber(pause.from)));
  const searchEnd = start + SEARCH_LIMIT_DAYS;
  // The clock runs at most until the day an open pause began; not reaching the deadline by then means "stopped".
  const due = walk(start, workingDays, (day) => isWorking(day) && !inRanges(day, stopped), Math.min(openSince, searchEnd));
  if (due !== null) return fromDayNumber(due);
  if (openSince <= searchEnd) return null;
  throw tooFar(submittedOn);
}

/** The calendar date of an instant in a commune's time zone, as 'YYYY-MM-DD' (the platform's cached formatter). */
export function localDate(instant: Date, timeZone: string): string {
  return isoDate(instant, timeZone);
}
