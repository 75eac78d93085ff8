import type { Phase } from './db/tables.js';

/**
 * The phase open today: the one staff moved to by hand, otherwise the latest-starting phase whose
 * dates contain today. Dates are calendar days in the commune's time zone, compared as 'YYYY-MM-DD'.
 */
export function activePhase<P extends Pick<Phase, 'id' | 'starts_on' | 'ends_on'>>(phases: P[], today: string, manualPhaseId: string | null): P | null {
  if (manualPhaseId) {
    const chosen = phases.find((phase) => phase.id === manualPhaseId);
    if (chosen) return chosen;
  }
  const current = phases.filter((phase) => phase.starts_on <= today && today <= phase.ends_on);
  return current.sort((a, b) => b.starts_on.localeCompare(a.starts_on))[0] ?? null;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's date in a time zone, as 'YYYY-MM-DD'. Formatters are cached: building one costs more than a page's queries. */
export function todayIn(timeZone: string, now = new Date()): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}
