import { describe, expect, it } from 'vitest';
import { activePhase, todayIn } from './phases.js';

const phases = [
  { id: 'ideas', starts_on: '2026-11-01', ends_on: '2026-11-30' },
  { id: 'review', starts_on: '2026-12-01', ends_on: '2026-12-15' },
  { id: 'answers', starts_on: '2026-12-10', ends_on: '2027-01-15' },
];

describe('activePhase', () => {
  it.each([
    ['2026-10-31', null],
    ['2026-11-01', 'ideas'],
    ['2026-11-30', 'ideas'],
    ['2026-12-01', 'review'],
    ['2026-12-12', 'answers'],
    ['2027-01-16', null],
  ])('on %s the open phase is %s', (today, expected) => {
    expect(activePhase(phases, today, null)?.id ?? null).toBe(expected);
  });

  it('a phase moved by hand wins over the dates', () => {
    expect(activePhase(phases, '2026-11-05', 'review')?.id).toBe('review');
    expect(activePhase(phases, '2026-11-05', 'unknown')?.id).toBe('ideas');
  });
});

describe('todayIn', () => {
  it('uses the commune’s calendar day', () => {
    expect(todayIn('Africa/Dakar', new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23');
    expect(todayIn('Africa/Tunis', new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
  });
});
