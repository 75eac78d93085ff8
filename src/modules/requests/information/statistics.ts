import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { informationDb } from '../db/information-tables.js';

export interface InformationStatistics {
  received: number;
  /** Decided: answered in full, in part, or refused. */
  answered: number;
  answeredOnTime: number;
  /** answeredOnTime / answered, or null when nothing was answered yet. */
  onTimeRate: number | null;
  refused: number;
  refusedByGround: { code: string; count: number }[];
  /** Calendar days from filing to the decision, median; null when nothing was answered. */
  medianDaysToAnswer: number | null;
  /** Open, past the deadline, clock running. */
  overdue: number;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Access-to-information figures of one commune, for requests filed in [from, to] (both optional, ISO dates).
 * Anonymous by construction: reads no column about who asked. Reused by the open-data export.
 */
export async function informationStatistics(db: Kysely<PlatformTables>, communeId: string, options: { timeZone: string; today: string; from?: string; to?: string }): Promise<InformationStatistics> {
  let query = informationDb(db)
    .selectFrom('requests')
    .select(['submitted_on', 'due_on', 'answered_at', 'status', 'refusal_ground', 'is_open'])
    .where('commune_id', '=', communeId)
    .where('kind', '=', 'information');
  if (options.from) query = query.where('submitted_on', '>=', options.from);
  if (options.to) query = query.where('submitted_on', '<=', options.to);
  const rows = await query.execute();
  const answered = rows.filter((r) => r.answered_at !== null);
  const answeredOn = (r: (typeof rows)[number]) => isoDate(r.answered_at!, options.timeZone);
  const onTime = answered.filter((r) => r.due_on !== null && answeredOn(r) <= r.due_on);
  const refused = rows.filter((r) => r.refusal_ground !== null);
  const grounds = new Map<string, number>();
  for (const r of refused) grounds.set(r.refusal_ground!, (grounds.get(r.refusal_ground!) ?? 0) + 1);
  return {
    received: rows.length,
    answered: answered.length,
    answeredOnTime: onTime.length,
    onTimeRate: answered.length > 0 ? onTime.length / answered.length : null,
    refused: refused.length,
    refusedByGround: [...grounds].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    medianDaysToAnswer: median(answered.map((r) => dayNumber(answeredOn(r)) - dayNumber(r.submitted_on))),
    overdue: rows.filter((r) => r.is_open && r.answered_at === null && r.due_on !== null && r.due_on < options.today).length,
  };
}
