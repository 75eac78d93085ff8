import { describe, expect, it } from 'vitest';
import { type IndicatorConfig, parseScorecardConfig, type ScorecardConfig, ScorecardConfigError } from './config.js';
import { biggestGains, indicatorScore, scoreCard } from './scoring.js';

const text = { fr: 'x' };
const indicator = (id: string, principle: ScorecardConfig['indicators'][number]['principle'], weight = 1, scoring: IndicatorConfig['scoring'] = { direction: 'higher', zero: 0, full: 100 }) => ({ id, metric: `m.${id}`, principle, weight, scoring, title: text, definition: text });
const config: ScorecardConfig = {
  windowMonths: 12,
  principles: [{ id: 'transparency', weight: 1 }, { id: 'participation', weight: 1 }, { id: 'accountability', weight: 2 }, { id: 'innovation', weight: 1 }],
  indicators: [indicator('a', 'transparency', 3), indicator('b', 'transparency', 1), indicator('c', 'accountability', 1, { direction: 'lower', zero: 60, full: 7 }), indicator('d', 'innovation')],
};

describe('scoring', () => {
  it('is linear between the configured values, clamped, and reversed when less is better', () => {
    expect(indicatorScore(50, { direction: 'higher', zero: 0, full: 100 })).toBe(50);
    expect(indicatorScore(120, { direction: 'higher', zero: 0, full: 100 })).toBe(100);
    expect(indicatorScore(2, { direction: 'higher', zero: 0, full: 3 })).toBe(66.7);
    expect(indicatorScore(7, { direction: 'lower', zero: 60, full: 7 })).toBe(100);
    expect(indicatorScore(33.5, { direction: 'lower', zero: 60, full: 7 })).toBe(50);
    expect(indicatorScore(90, { direction: 'lower', zero: 60, full: 7 })).toBe(0);
    expect(indicatorScore(null, { direction: 'higher', zero: 0, full: 100 })).toBeNull();
  });

  it('weights indicators within a principle and principles in the whole, leaving out what has no data', () => {
    const card = scoreCard(config, new Map([['a', { value: 100 }], ['b', { value: 20 }], ['c', { value: 33.5 }], ['d', { value: null }]]));
    expect(card.principles.map((p) => [p.principle, p.score])).toEqual([['transparency', 80], ['participation', null], ['accountability', 50], ['innovation', null]]);
    // (80 × 1 + 50 × 2) / 3: participation and innovation have nothing measured, so they weigh nothing.
    expect(card.overall).toBe(60);
  });

  it('names the indicators whose progress would raise the whole most', () => {
    const card = scoreCard(config, new Map([['a', { value: 100 }], ['b', { value: 20 }], ['c', { value: 33.5 }], ['d', { value: null }]]));
    // c: 50 points to gain × (2/5 of the whole); d: 100 × 1/5; b: 80 × 1/4 × 1/5.
    expect(biggestGains(config, card).map((g) => [g.indicator.id, g.gain])).toEqual([['c', 20], ['d', 20], ['b', 4]]);
  });
});

describe('the scorecard configuration', () => {
  const known = new Set(config.indicators.map((i) => i.metric));
  it('accepts a complete configuration and refuses unknown metrics, duplicates and missing principles', () => {
    expect(parseScorecardConfig(config, known).indicators).toHaveLength(4);
    expect(() => parseScorecardConfig(config, new Set(['m.a']))).toThrow(ScorecardConfigError);
    expect(() => parseScorecardConfig({ ...config, indicators: [...config.indicators, config.indicators[0]] }, known)).toThrow(/unique/);
    expect(() => parseScorecardConfig({ ...config, principles: config.principles.slice(1) }, known)).toThrow(ScorecardConfigError);
    expect(() => parseScorecardConfig({ ...config, indicators: [{ ...config.indicators[0], scoring: { direction: 'higher', zero: 5, full: 5 } }] }, known)).toThrow(/direction/);
    expect(() => parseScorecardConfig({ ...config, indicators: [{ ...config.indicators[0], scoring: { direction: 'lower', zero: 0, full: 10 } }] }, known)).toThrow(/direction/);
  });
});
