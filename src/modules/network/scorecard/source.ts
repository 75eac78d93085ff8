import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { loadScorecardConfig } from './config.js';
import { computeScorecard, type ScorecardSource, windowEnding } from './compute.js';
import type { MetricCommune, MetricWindow } from './metric.js';
import { scorecardMetrics } from './metrics.js';
import type { Scorecard } from './scoring.js';
import { networkDb } from '../db/tables.js';

let source: ScorecardSource | undefined;

/** The configuration file checked against the metrics this code can compute; read once per process. */
export function scorecardSource(): ScorecardSource {
  if (!source) {
    const metrics = new Map(scorecardMetrics.map((metric) => [metric.id, metric]));
    source = { config: loadScorecardConfig(new Set(metrics.keys())), metrics };
  }
  return source;
}

// Live scorecards cost one query per indicator: the network page compares every commune, so each is kept a while,
// in the database so that every process of a cluster shares it (docs/deploy.md).
const freshForMs = 10 * 60 * 1000;

async function keptScorecard(db: Kysely<PlatformTables>, communeId: string, now: Date): Promise<{ window: MetricWindow; card: Scorecard } | undefined> {
  const kept = await networkDb(db)
    .selectFrom('network_live_scorecards')
    .select(['window_from', 'window_to', 'card'])
    .where('commune_id', '=', communeId)
    .where('computed_at', '>', new Date(now.getTime() - freshForMs))
    .where('computed_at', '<=', now)
    .executeTakeFirst();
  return kept && { window: { from: new Date(kept.window_from), to: new Date(kept.window_to) }, card: kept.card as Scorecard };
}

/** The commune's scorecard over the configured months up to now, computed at most every ten minutes. */
export async function liveScorecard(db: Kysely<PlatformTables>, commune: MetricCommune, now = new Date()): Promise<{ window: MetricWindow; card: Scorecard }> {
  const kept = await keptScorecard(db, commune.id, now);
  if (kept) return kept;
  const window = windowEnding(now, scorecardSource().config.windowMonths);
  const card = await computeScorecard(db, scorecardSource(), commune, window);
  const row = { window_from: window.from, window_to: window.to, card: JSON.stringify(card), computed_at: now };
  await networkDb(db)
    .insertInto('network_live_scorecards')
    .values({ commune_id: commune.id, ...row })
    .onConflict((oc) => oc.column('commune_id').doUpdateSet(row))
    .execute();
  return { window, card };
}

/** Forgets computed scorecards (tests that change data and look again). */
export async function forgetScorecards(db: Kysely<PlatformTables>): Promise<void> {
  await networkDb(db).deleteFrom('network_live_scorecards').execute();
}
