import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { MetricCommune } from './metric.js';
import { liveScorecard, scorecardSource } from './source.js';

/** An indicator as other modules see it: its id, title, unit and which way is better. */
export interface IndicatorSummary {
  id: string;
  title: LocalizedText;
  unit: 'percent' | 'days' | 'count';
  direction: 'higher' | 'lower';
}

/** The configured indicators, in the scorecard's order. */
export function scorecardIndicators(): IndicatorSummary[] {
  const { config, metrics } = scorecardSource();
  return config.indicators.map((i) => ({ id: i.id, title: i.title, unit: metrics.get(i.metric)?.unit ?? 'count', direction: i.scoring.direction }));
}

/** The commune's live value of every indicator (null: nothing to measure), from its kept live scorecard. */
export async function liveIndicatorValues(db: Kysely<PlatformTables>, commune: MetricCommune, now = new Date()): Promise<Map<string, number | null>> {
  const { card } = await liveScorecard(db, commune, now);
  return new Map(card.principles.flatMap((p) => p.indicators.map((r) => [r.indicator.id, r.measured.value] as const)));
}
