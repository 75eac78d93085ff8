import type { Kysely } from 'kysely';
import type { FigureWindow } from '../../../platform/db/figures.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
export interface MetricCommune { id: string; slug: string; time_zone: string; enabled_modules: string[] }
/** The months a figure covers: [from, to). */
export type MetricWindow = FigureWindow;
export interface MetricValue {
  /** null: nothing to measure yet (e.g. no ATI request in the window) — shown as "no data", not as zero. */
  value: number | null;
  /** For shares: what was counted, so the page can say "12 of 15". */
  numerator?: number; denominator?: number;
}
export interface ScorecardMetric {
  /** Stable id, `<module>.<name>`, referenced by config/scorecard.json. */
  id: string;
  unit: 'percent' | 'days' | 'count';
  /** i18n key (literal in code) explaining in one or two sentences how it is computed, in plain words. */
  howKey: string;
  /** The public page (or open-data dataset) where anyone can check the data behind it. */
  dataPath(communeSlug: string): string;
  compute(db: Kysely<PlatformTables>, commune: MetricCommune, window: MetricWindow): Promise<MetricValue>;
}
