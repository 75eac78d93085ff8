import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { ScorecardConfig } from './config.js';
import type { MetricCommune, MetricValue, MetricWindow, ScorecardMetric } from './metric.js';
import { type Scorecard, scoreCard } from './scoring.js';

/** The window a figure covers: the configured number of months up to `to`. */
export function windowEnding(to: Date, months: number): MetricWindow {
  const from = new Date(to);
  from.setUTCMonth(from.getUTCMonth() - months);
  return { from, to };
}

/** First day (UTC) of the month containing `date`, and of the month `offset` months later. */
export function monthStart(date: Date, offset = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

export interface ScorecardSource {
  config: ScorecardConfig;
  metrics: ReadonlyMap<string, ScorecardMetric>;
}

/** Measures every configured indicator for one commune over one window, then scores them. */
export async function computeScorecard(db: Kysely<PlatformTables>, source: ScorecardSource, commune: MetricCommune, window: MetricWindow): Promise<Scorecard> {
  const measured = new Map<string, MetricValue>();
  for (const indicator of source.config.indicators) {
    const metric = source.metrics.get(indicator.metric);
    measured.set(indicator.id, metric ? await metric.compute(db, commune, window) : { value: null });
  }
  return scoreCard(source.config, measured);
}
