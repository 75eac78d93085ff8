import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitmentPercent, completionPercent, planPercent, weightedPercent } from './progress.js';
import { completionLevels } from './tables.js';

describe('progress of commitments and plans', () => {
  it('follows the milestones when there are some, the commitment’s own status otherwise', () => {
    expect(commitmentPercent({ status: 'substantial' }, [])).toBe(67);
    expect(commitmentPercent({ status: 'not_started' }, [{ status: 'complete', weight: 1 }, { status: 'not_started', weight: 1 }])).toBe(50);
    expect(commitmentPercent({ status: 'complete' }, [{ status: 'complete', weight: 3 }, { status: 'limited', weight: 1 }])).toBe(83);
  });

  it('weighs commitments in a plan, and shows nothing for an empty plan', () => {
    expect(planPercent([{ weight: 2, percent: 100 }, { weight: 1, percent: 0 }])).toBe(67);
    expect(planPercent([])).toBeNull();
    expect(weightedPercent([{ weight: 0, percent: 50 }])).toBeNull();
  });

  it('always stays between the least and the most advanced part', () => {
    const part = fc.record({ weight: fc.integer({ min: 1, max: 100 }), percent: fc.constantFrom(...completionLevels.map((level) => completionPercent[level])) });
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 30 }), (parts) => {
      const result = weightedPercent(parts)!;
      expect(result).toBeGreaterThanOrEqual(Math.min(...parts.map((p) => p.percent)));
      expect(result).toBeLessThanOrEqual(Math.max(...parts.map((p) => p.percent)));
    }));
  });
});
