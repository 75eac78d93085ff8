import { describe, expect, it } from 'vitest';
import { dateToZonedLocal, formatMoney, zonedLocalToDate } from './format.js';

describe('commune time zones', () => {
  it('reads a datetime typed in Tunis (UTC+1) and Dakar (UTC) as the right instant', () => {
    expect(zonedLocalToDate('2026-11-23T09:30', 'Africa/Dakar')?.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect(zonedLocalToDate('2026-11-23T09:30', 'Africa/Tunis')?.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    expect(zonedLocalToDate('not a date', 'Africa/Dakar')).toBeNull();
  });

  it('round-trips through the form value', () => {
    const instant = new Date('2026-11-23T08:30:00Z');
    expect(dateToZonedLocal(instant, 'Africa/Tunis')).toBe('2026-11-23T09:30');
  });
});

describe('formatMoney', () => {
  it('formats CFA francs and dirhams per locale', () => {
    expect(formatMoney(1500, 'XOF', 'fr').replace(/\s/g, ' ')).toBe('1 500 F CFA');
    expect(formatMoney(20, 'MAD', 'fr')).toContain('MAD');
  });
});
