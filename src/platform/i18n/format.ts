import type { Locale } from './locales.js';

// Arabic UI in Morocco and Tunisia conventionally uses Western digits; "ar-MA"-style tags would be per commune.
const intlTag: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB', pt: 'pt-PT', ar: 'ar-u-nu-latn' };

// Building an Intl formatter costs far more than using one: pages format many dates, so keep them.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

const dateFormat = (locale: string, timeZone: string, withTime: boolean) =>
  cached(`d|${locale}|${timeZone}|${withTime}`, () =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone }),
  );

export function formatDate(value: Date | string, locale: Locale, timeZone = 'UTC'): string {
  return dateFormat(intlTag[locale], timeZone, false).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale, timeZone = 'UTC'): string {
  return dateFormat(intlTag[locale], timeZone, true).format(new Date(value));
}

export function formatNumber(value: number, locale: Locale): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(intlTag[locale])).format(value);
}

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const format = cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(intlTag[locale], { style: 'currency', currency, maximumFractionDigits: 0 }));
  return format.format(amount);
}

/** ISO date (YYYY-MM-DD) of an instant as seen in the commune's time zone, for <time datetime>. */
export function isoDate(value: Date | string, timeZone = 'UTC'): string {
  return cached(`iso|${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone })).format(new Date(value));
}

/** Offset in ms between the time zone's wall clock and UTC at a given instant. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** A `datetime-local` value ("2026-11-23T09:30") typed in the commune's time zone, as an instant. */
export function zonedLocalToDate(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const wallClock = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  const firstGuess = wallClock - zoneOffsetMs(wallClock, timeZone);
  return new Date(wallClock - zoneOffsetMs(firstGuess, timeZone));
}

/** The inverse, to fill a `datetime-local` field. */
export function dateToZonedLocal(value: Date, timeZone: string): string {
  const shifted = new Date(value.getTime() + zoneOffsetMs(value.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}
