import { describe as group, expect, it } from 'vitest';
import { compareRatios } from './regression.js';

group('compareRatios', () => {
  const baseline = { pageToBare: 0.03, ballotsToBare: 0.01 };

  it('passes ratios at or above 70 % of the recorded ones', () => {
    const verdicts = compareRatios({ pageToBare: 0.021, ballotsToBare: 0.02 }, baseline);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true]);
    expect(verdicts[0]!.floor).toBeCloseTo(0.021);
  });

  it('fails a ratio more than 30 % below the recorded one', () => {
    const verdicts = compareRatios({ pageToBare: 0.0209, ballotsToBare: 0.01 }, baseline);
    expect(verdicts.find((v) => v.name === 'pageToBare')!.ok).toBe(false);
    expect(verdicts.find((v) => v.name === 'ballotsToBare')!.ok).toBe(true);
  });

  it('fails a recorded ratio the run did not measure, or measured as NaN', () => {
    expect(compareRatios({ pageToBare: 0.05 }, baseline).find((v) => v.name === 'ballotsToBare')!.ok).toBe(false);
    expect(compareRatios({ pageToBare: Number.NaN, ballotsToBare: 1 }, baseline)[0]!.ok).toBe(false);
  });

  it('refuses a tolerance outside [0, 1)', () => {
    expect(() => compareRatios({}, baseline, 1)).toThrow(RangeError);
  });
});
