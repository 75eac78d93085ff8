import type { IndicatorConfig, Principle, ScorecardConfig } from './config.js';
import type { MetricValue } from './metric.js';

export interface IndicatorResult {
  indicator: IndicatorConfig;
  measured: MetricValue;
  /** 0..100; null when there is nothing to measure (left out of the averages, not counted as zero). */
  score: number | null;
}

export interface PrincipleResult {
  principle: Principle;
  score: number | null;
  indicators: IndicatorResult[];
}

export interface Scorecard {
  overall: number | null;
  principles: PrincipleResult[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Linear between the configured `zero` and `full` values, clamped to 0..100. */
export function indicatorScore(value: number | null, scoring: IndicatorConfig['scoring']): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const { zero, full } = scoring;
  const share = (value - zero) / (full - zero);
  return round1(Math.min(100, Math.max(0, share * 100)));
}

/** Weighted mean of the scores that exist; null when none does. */
function weightedMean(parts: { score: number | null; weight: number }[]): number | null {
  const present = parts.filter((p): p is { score: number; weight: number } => p.score !== null);
  const weights = present.reduce((sum, p) => sum + p.weight, 0);
  return weights === 0 ? null : round1(present.reduce((sum, p) => sum + p.score * p.weight, 0) / weights);
}

/** Scores every indicator, then each principle (weighted by indicator) and the whole (weighted by principle). */
export function scoreCard(config: ScorecardConfig, measured: ReadonlyMap<string, MetricValue>): Scorecard {
  const results = config.indicators.map((indicator) => {
    const value = measured.get(indicator.id) ?? { value: null };
    return { indicator, measured: value, score: indicatorScore(value.value, indicator.scoring) };
  });
  const byPrinciple = config.principles.map(({ id }) => {
    const indicators = results.filter((r) => r.indicator.principle === id);
    return { principle: id, score: weightedMean(indicators.map((r) => ({ score: r.score, weight: r.indicator.weight }))), indicators };
  });
  const overall = weightedMean(byPrinciple.map((p) => ({ score: p.score, weight: config.principles.find((c) => c.id === p.principle)!.weight })));
  return { overall, principles: byPrinciple };
}

/**
 * What would raise the overall score most: each indicator's room to grow (100 − score; an unmeasured one counts as
 * 0), times its share of the overall score (its weight in its principle × the principle's weight in the whole).
 */
export function biggestGains(config: ScorecardConfig, card: Scorecard, count = 3): { indicator: IndicatorConfig; gain: number }[] {
  const principleWeights = config.principles.reduce((sum, p) => sum + p.weight, 0);
  const gains = card.principles.flatMap((p) => {
    const indicatorWeights = p.indicators.reduce((sum, r) => sum + r.indicator.weight, 0);
    const principleShare = config.principles.find((c) => c.id === p.principle)!.weight / principleWeights;
    return p.indicators.map((r) => ({ indicator: r.indicator, gain: round1(((100 - (r.score ?? 0)) * r.indicator.weight * principleShare) / indicatorWeights) }));
  });
  return gains.filter((g) => g.gain > 0).sort((a, b) => b.gain - a.gain).slice(0, count);
}
