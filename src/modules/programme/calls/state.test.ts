import { describe, expect, it } from 'vitest';
import { callState, daysLeft } from './state.js';
import { formatReference } from './reference.js';

const call = { published_at: new Date('2026-10-01T00:00:00Z'), opens_on: '2026-11-01', closes_on: '2026-12-10' };

describe('a call’s state on a given day', () => {
  it('is a draft until published, whatever the dates', () => {
    expect(callState({ ...call, published_at: null }, new Date('2026-11-15T12:00:00Z'))).toBe('draft');
  });
  it('opens on its first day and closes after its last day, in UTC', () => {
    expect(callState(call, new Date('2026-10-31T23:59:59Z'))).toBe('upcoming');
    expect(callState(call, new Date('2026-11-01T00:00:00Z'))).toBe('open');
    expect(callState(call, new Date('2026-12-10T23:59:59Z'))).toBe('open');
    expect(callState(call, new Date('2026-12-11T00:00:00Z'))).toBe('closed');
  });
  it('counts the days left including today, never below zero', () => {
    expect(daysLeft(call, new Date('2026-11-01T08:00:00Z'))).toBe(40);
    expect(daysLeft(call, new Date('2026-12-10T20:00:00Z'))).toBe(1);
    expect(daysLeft(call, new Date('2026-12-12T08:00:00Z'))).toBe(0);
  });
});

describe('application references', () => {
  it('carry the year and a four-digit number', () => {
    expect(formatReference(2027, 7)).toBe('PRG-2027-0007');
    expect(formatReference(2027, 12345)).toBe('PRG-2027-12345');
  });
});
