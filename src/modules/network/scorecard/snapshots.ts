import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { networkDb } from '../db/tables.js';
import { computeScorecard, monthStart, type ScorecardSource, windowEnding } from './compute.js';
import type { MetricCommune } from './metric.js';
import type { Scorecard } from './scoring.js';

/** Communes of the programme: those that switched the network module on. */
export function memberCommunes(db: Kysely<PlatformTables>): Promise<(MetricCommune & { name: unknown; country: string })[]> {
  return db
    .selectFrom('communes')
    .select(['id', 'slug', 'time_zone', 'enabled_modules', 'name', 'country'])
    .where(sql<boolean>`enabled_modules ? 'network'`)
    .orderBy('slug')
    .execute() as never;
}

function snapshotRows(communeId: string, month: string, card: Scorecard) {
  const indicators = card.principles.flatMap((p) =>
    p.indicators.map((r) => ({ commune_id: communeId, month, indicator: r.indicator.id, value: r.measured.value, score: r.score, numerator: r.measured.numerator ?? null, denominator: r.measured.denominator ?? null })),
  );
  const principles = card.principles.map((p) => ({ commune_id: communeId, month, indicator: `principle:${p.principle}`, value: null, score: p.score, numerator: null, denominator: null }));
  return [...indicators, ...principles, { commune_id: communeId, month, indicator: 'overall', value: null, score: card.overall, numerator: null, denominator: null }];
}

/**
 * Records the scorecard of the month that starts at `month`, as the data stood at its end. Kept once: a second run
 * (another process, a restart) changes nothing, so a trend never rewrites its past.
 */
export async function takeSnapshot(db: Kysely<PlatformTables>, source: ScorecardSource, commune: MetricCommune, month: Date): Promise<void> {
  const card = await computeScorecard(db, source, commune, windowEnding(monthStart(month, 1), source.config.windowMonths));
  await networkDb(db).insertInto('network_scorecard_snapshots').values(snapshotRows(commune.id, isoDate(monthStart(month)), card)).onConflict((oc) => oc.doNothing()).execute();
}

/** Each member commune's last complete month, when it has no snapshot yet. */
export async function takeMissingSnapshots(db: Kysely<PlatformTables>, source: ScorecardSource, now: Date): Promise<number> {
  const month = monthStart(now, -1);
  const taken = await networkDb(db).selectFrom('network_scorecard_snapshots').select('commune_id').where('month', '=', isoDate(month)).where('indicator', '=', 'overall').execute();
  const done = new Set(taken.map((row) => row.commune_id));
  const missing = (await memberCommunes(db)).filter((c) => !done.has(c.id));
  for (const commune of missing) await takeSnapshot(db, source, commune, month);
  return missing.length;
}

export interface TrendPoint {
  month: string;
  value: number | null;
  score: number | null;
}

/** Every snapshot of one commune, oldest first, by indicator (ids, `principle:<id>`, `overall`). */
export async function trendsOf(db: Kysely<PlatformTables>, communeId: string, months = 12): Promise<Map<string, TrendPoint[]>> {
  const rows = await networkDb(db)
    .selectFrom('network_scorecard_snapshots')
    .select(['indicator', sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'value', 'score'])
    .where('commune_id', '=', communeId)
    .where('month', '>=', isoDate(monthStart(new Date(), -months)))
    .orderBy('month')
    .execute();
  const trends = new Map<string, TrendPoint[]>();
  for (const row of rows) trends.set(row.indicator, [...(trends.get(row.indicator) ?? []), { month: row.month, value: row.value, score: row.score }]);
  return trends;
}
