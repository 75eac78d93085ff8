import { describe, expect, it } from 'vitest';
import { cofogDivisionOf } from '../budgets/cofog.js';
import { decimalSum, executionRate, toCents } from './execution-rate.js';

describe('executionRate', () => {
  it('divides executed by voted, in percent rounded to one decimal', () => {
    expect(executionRate('3300000.00', '4050000.00')).toBe(81.5);
    expect(executionRate('1400000', '2500000')).toBe(56);
    expect(executionRate('650000', '500000')).toBe(130);
    expect(executionRate('1', '3')).toBe(33.3);
    expect(executionRate('2', '3')).toBe(66.7);
  });

  it('has no rate when nothing was voted: never Infinity or NaN', () => {
    expect(executionRate('150000.00', '0.00')).toBeNull();
    expect(executionRate('0', '0')).toBeNull();
    expect(executionRate(null, null)).toBeNull();
    expect(executionRate('-5', '-0.00')).toBeNull();
  });

  it('counts nothing executed as zero per cent', () => {
    expect(executionRate('0.00', '400000.00')).toBe(0);
    expect(executionRate(null, '400000.00')).toBe(0);
  });

  it('handles negative amounts (corrections) with the signs they have', () => {
    expect(executionRate('-50000.00', '-50000.00')).toBe(100);
    expect(executionRate('-25000', '50000')).toBe(-50);
    expect(executionRate('0.05', '-0.10')).toBe(-50);
    // Half away from zero, on both sides.
    expect(executionRate('1', '8')).toBe(12.5);
    expect(executionRate('-1', '800')).toBe(-0.1);
  });

  it('is exact where floats are not (0.1 + 0.2 of 0.3)', () => {
    expect(executionRate(decimalSum(['0.10', '0.20']), '0.30')).toBe(100);
    expect(executionRate('9999999999999999.99', '9999999999999999.99')).toBe(100);
  });
});

describe('decimal amounts', () => {
  it('reads numeric text as cents and sums it exactly', () => {
    expect(toCents('1234.5')).toBe(123450n);
    expect(toCents('-0.07')).toBe(-7n);
    expect(toCents('12')).toBe(1200n);
    expect(decimalSum(['0.10', '0.20'])).toBe('0.30');
    expect(decimalSum(['-50000.00', '20000.5'])).toBe('-29999.50');
    expect(decimalSum([])).toBe('0.00');
    expect(() => toCents('1e5')).toThrow();
  });
});

describe('cofogDivisionOf', () => {
  it('rolls a group up to its division and refuses what is not COFOG', () => {
    expect(cofogDivisionOf('06.3')).toBe('06');
    expect(cofogDivisionOf('09')).toBe('09');
    expect(cofogDivisionOf('10.1')).toBe('10');
    expect(cofogDivisionOf('11')).toBeNull();
    expect(cofogDivisionOf('')).toBeNull();
    expect(cofogDivisionOf(null)).toBeNull();
  });
});
