import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { loadScorecardConfig } from './config.js';
import { computeScorecard, type ScorecardSource, windowEnding } from './compute.js';
import type { MetricCommune, MetricWindow } from './metric.js';
import { scorecardMetrics } from './metrics.js';
import type { Scorecard } from './scoring.js';

let source: ScorecardSource | undefined;

/** The configuration file checked against the metrics this code can compute; read once per process. */
export function scorecardSource(): ScorecardSource {
  if (!source) {
    const metrics = new Map(scorecardMetrics.map((metric) => [metric.id, metric]));
    source = { config: loadScorecardConfig(new Set(metrics.keys())), metrics };
  }
  return source;
}

// Live scorecards cost one query per indicator: the network page compares every commune, so each is kept a while.
const freshForMs = 10 * 60 * 1000;
const cache = new Map<string, { at: number; window: MetricWindow; card: Scorecard }>();

/** The commune's scorecard over the configured months up to now, computed at most every ten minutes. */
export async function liveScorecard(db: Kysely<PlatformTables>, commune: MetricCommune, now = new Date()): Promise<{ window: MetricWindow; card: Scorecard }> {
  const cached = cache.get(commune.id);
  if (cached && now.getTime() - cached.at < freshForMs) return cached;
  const { config } = scorecardSource();
  const window = windowEnding(now, config.windowMonths);
  const card = await computeScorecard(db, scorecardSource(), commune, window);
  const entry = { at: now.getTime(), window, card };
  cache.set(commune.id, entry);
  return entry;
}

/** Forgets computed scorecards (tests that change data and look again). */
export const forgetScorecards = () => cache.clear();
