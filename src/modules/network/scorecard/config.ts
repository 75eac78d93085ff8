import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Principle, principles } from '../principles.js';

export { type Principle, principles };

const localized = z.object({ fr: z.string().min(1), en: z.string().optional(), pt: z.string().optional(), ar: z.string().optional() });

/**
 * Linear scoring: `zero` scores 0, `full` scores 100, in between proportionally. `direction` says which way is better
 * (days: lower) and must agree with the two values, so that a swapped pair is caught rather than silently inverted.
 */
const scoring = z
  .object({ direction: z.enum(['higher', 'lower']), zero: z.number(), full: z.number() })
  .refine((s) => (s.direction === 'higher' ? s.full > s.zero : s.full < s.zero), 'direction must agree with zero and full');

const indicator = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  metric: z.string().min(3),
  principle: z.enum(principles),
  weight: z.number().positive(),
  scoring,
  title: localized,
  definition: localized,
  /** Where to learn how to raise it: a guide chapter, e.g. /network/guides/mayors-guide#open-data. */
  guide: z.string().startsWith('/').optional(),
});

const scorecardConfig = z
  .object({
    windowMonths: z.number().int().min(1).max(36),
    principles: z.array(z.object({ id: z.enum(principles), weight: z.number().positive() })).length(principles.length),
    indicators: z.array(indicator).min(1),
  })
  .refine((c) => new Set(c.indicators.map((i) => i.id)).size === c.indicators.length, 'indicator ids must be unique')
  .refine((c) => new Set(c.principles.map((p) => p.id)).size === principles.length, 'each principle once');

export type ScorecardConfig = z.infer<typeof scorecardConfig>;
export type IndicatorConfig = ScorecardConfig['indicators'][number];

export class ScorecardConfigError extends Error {}

/** Validates a scorecard configuration; `knownMetrics` are the metric ids the code can compute. */
export function parseScorecardConfig(json: unknown, knownMetrics: ReadonlySet<string>): ScorecardConfig {
  const parsed = scorecardConfig.safeParse(json);
  if (!parsed.success) throw new ScorecardConfigError(`scorecard: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const unknown = parsed.data.indicators.filter((i) => !knownMetrics.has(i.metric)).map((i) => `${i.id} → ${i.metric}`);
  if (unknown.length > 0) throw new ScorecardConfigError(`scorecard: unknown metrics: ${unknown.join(', ')}`);
  return parsed.data;
}

/** The documented file a programme edits (docs/modules/network.md): config/scorecard.json at the project's root. */
export const defaultScorecardFile = fileURLToPath(new URL('../../../../config/scorecard.json', import.meta.url));

export function loadScorecardConfig(knownMetrics: ReadonlySet<string>, file = defaultScorecardFile): ScorecardConfig {
  return parseScorecardConfig(JSON.parse(readFileSync(file, 'utf8')), knownMetrics);
}
