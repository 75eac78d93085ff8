import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type CallRow, programmeDb } from '../db/tables.js';

/** Public figures below this are shown as "fewer than 3": a small count could point at one person. */
export const smallCountThreshold = 3;

export const ageBands = ['under_25', '25_34', '35_44', '45_plus', 'unknown'] as const;
export type AgeBand = (typeof ageBands)[number];

/** One published count: exact, or only "fewer than 3". */
export type PublicCount = { exact: number } | { fewerThan: number };

export interface CallStatistics {
  submitted: number;
  shortlisted: number;
  selected: number;
  byCountry: [string, PublicCount][];
  byGender: [string, PublicCount][];
  byAge: [AgeBand, PublicCount][];
}

export const publicCount = (n: number): PublicCount => (n < smallCountThreshold ? { fewerThan: smallCountThreshold } : { exact: n });

/** Age on the call's closing day, from the birth year alone (the birthday is not asked): a band, or unknown. */
export function ageBand(birthYear: number | null, closesOn: string): AgeBand {
  if (birthYear === null) return 'unknown';
  const age = Number(closesOn.slice(0, 4)) - birthYear;
  if (age < 25) return 'under_25';
  if (age < 35) return '25_34';
  return age < 45 ? '35_44' : '45_plus';
}

function tally<K extends string>(keys: K[], fixed: readonly K[] = []): [K, PublicCount][] {
  const counts = new Map<K, number>(fixed.map((k) => [k, 0]));
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, n]) => [key, publicCount(n)]);
}

/**
 * A call's public statistics. Only submitted applications count (never drafts); "shortlisted" counts those
 * shortlisted or later selected. The three totals are exact; the breakdowns hide counts below 3.
 */
export async function callStatistics(db: Kysely<PlatformTables>, call: CallRow): Promise<CallStatistics> {
  const rows = await programmeDb(db).selectFrom('programme_applications').select(['status', 'country', 'gender', 'birth_year']).where('call_id', '=', call.id).where('status', '<>', 'draft').execute();
  const forVolunteers = call.audience === 'volunteers';
  return {
    submitted: rows.length,
    shortlisted: rows.filter((r) => r.status === 'shortlisted' || r.status === 'selected').length,
    selected: rows.filter((r) => r.status === 'selected').length,
    byCountry: tally(rows.map((r) => r.country ?? 'unknown')).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    byGender: forVolunteers ? tally(rows.map((r) => r.gender ?? 'unknown'), ['female', 'male', 'other', 'unknown']) : [],
    byAge: forVolunteers ? tally(rows.map((r) => ageBand(r.birth_year, call.closes_on)), ageBands) : [],
  };
}
