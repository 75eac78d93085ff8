import { zonedLocalToDate } from '../../../platform/i18n/format.js';

/** "+01:00" (or "Z") for the time zone at this instant, as the W3C profile of ISO 8601 writes it. */
function offsetOf(instant: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' || offset === '+00:00' ? 'Z' : offset;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number) as [number, number];
  return sign * (hours * 60 + minutes);
}

/** An instant as the commune's wall clock with its offset, e.g. 2026-11-23T10:15:00+01:00 (the spec requires a zone). */
export function w3cDateTime(instant: Date, timeZone: string): string {
  const offset = offsetOf(instant, timeZone);
  const local = new Date(instant.getTime() + offsetMinutes(offset) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

/** A due day (a date in the commune) as the end of that day, the moment the answer is expected at the latest. */
export function endOfDay(date: string, timeZone: string): Date | null {
  const lastMinute = zonedLocalToDate(`${date}T23:59`, timeZone);
  return lastMinute ? new Date(lastMinute.getTime() + 59_000) : null;
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A start_date / end_date filter: a W3C datetime with its zone, or a plain day (read in the commune's time
 * zone, from its first moment for a start, to its last for an end). Null when it is neither.
 */
export function parseFilterDate(value: string, edge: 'start' | 'end', timeZone: string): Date | null {
  if (dateOnly.test(value)) {
    // Refuses a day that does not exist (2026-02-30) rather than rolling it over to another.
    if (Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return null;
    return edge === 'start' ? zonedLocalToDate(`${value}T00:00`, timeZone) : endOfDay(value, timeZone);
  }
  if (!dateTime.test(value)) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
