import { describe, expect, it } from 'vitest';
import { countryRuleAllows, dayWithin, plannedSteps, termsFromNeeds } from './pairing.js';
import { stepProgress } from './progress.js';

describe('the country-of-origin rule', () => {
  it('refuses a volunteer in a commune of their own country when the cohort sends volunteers abroad only', () => {
    expect(countryRuleAllows(true, 'SN', 'SN')).toBe(false);
    expect(countryRuleAllows(true, 'sn', 'SN')).toBe(false);
    expect(countryRuleAllows(true, 'MA', 'SN')).toBe(true);
  });

  it('lets any pair through when the rule is off, and never blocks on an unknown country', () => {
    expect(countryRuleAllows(false, 'SN', 'SN')).toBe(true);
    expect(countryRuleAllows(true, null, 'SN')).toBe(true);
  });
});

describe('terms of reference and the path template', () => {
  it('makes one term per non-empty line of the needs, marked as coming from them', () => {
    expect(termsFromNeeds('Publier le budget\n\n  Former les agents  \n')).toEqual([
      { text: 'Publier le budget', fromNeeds: true },
      { text: 'Former les agents', fromNeeds: true },
    ]);
    expect(termsFromNeeds(undefined)).toEqual([]);
  });

  it('spreads six steps over the path, in order, within its dates', () => {
    const steps = plannedSteps('2027-01-01', '2027-07-02');
    expect(steps.map((s) => s.template)).toEqual(['budget', 'complaints', 'datasets', 'consultation', 'training', 'successors']);
    const days = steps.map((s) => s.dueOn);
    expect([...days].sort()).toEqual(days);
    expect(days[0]! > '2027-01-01' && days.at(-1)! < '2027-07-02').toBe(true);
    expect(steps.find((s) => s.template === 'datasets')).toMatchObject({ indicator: 'datasets_published', target: 3 });
    expect(dayWithin('2027-01-01', '2027-01-11', 0.5)).toBe('2027-01-06');
  });
});

describe('a step’s progress, measured from the data', () => {
  const step = { status: 'planned' as const, due_on: '2027-03-01', indicator: 'datasets_published', target: '3' };
  const higher = (value: number | null) => ({ value, direction: 'higher' as const });

  it('is met when the live value reaches the target, whatever the declared status', () => {
    expect(stepProgress(step, higher(3), '2027-02-01')).toMatchObject({ met: true, complete: true, percent: 100, late: false });
    expect(stepProgress(step, higher(2), '2027-02-01')).toMatchObject({ met: false, complete: false, percent: 67 });
    expect(stepProgress(step, higher(null), '2027-02-01')).toMatchObject({ met: false, value: null, percent: 0 });
  });

  it('flags a declared "done" whose indicator is not met, and counts lower-is-better indicators the other way', () => {
    expect(stepProgress({ ...step, status: 'done' }, higher(1), '2027-02-01')).toMatchObject({ flagged: true, complete: false });
    const days = { ...step, indicator: 'complaint_days', target: '10' };
    expect(stepProgress(days, { value: 8, direction: 'lower' }, '2027-02-01').met).toBe(true);
    expect(stepProgress(days, { value: 20, direction: 'lower' }, '2027-02-01')).toMatchObject({ met: false, percent: 50 });
  });

  it('is late once its due date has passed while neither done nor met', () => {
    const unmeasured = { ...step, indicator: null, target: null };
    expect(stepProgress(unmeasured, undefined, '2027-03-01').late).toBe(false);
    expect(stepProgress(unmeasured, undefined, '2027-03-02').late).toBe(true);
    expect(stepProgress({ ...unmeasured, status: 'done' }, undefined, '2027-03-02')).toMatchObject({ late: false, complete: true, met: null });
    expect(stepProgress(step, higher(5), '2027-04-01').late).toBe(false);
  });
});
