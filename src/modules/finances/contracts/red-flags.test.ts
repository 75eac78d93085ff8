import { describe, expect, it } from 'vitest';
import { amendmentIncrease, currentContractAmount, daysBetween, minTenderPeriodDays, redFlags } from './red-flags.js';
import type { ContractStage, TenderStage } from './tables.js';

const tender = (patch: Partial<TenderStage> = {}): TenderStage => ({ title: 'Pavage', description: null, method: 'open', category: 'works', value: '1000000', periodStart: '2026-01-01', periodEnd: '2026-02-01', numberOfTenderers: 3, documents: [], ...patch });
const contract = (amount: string, ...newAmounts: string[]): ContractStage => ({ signedDate: '2026-03-01', periodStart: null, periodEnd: null, amount, amendments: newAmounts.map((newAmount, i) => ({ id: `amendment-${i + 1}`, date: '2026-04-01', description: 'plus', newAmount })) });

describe('red flags', () => {
  it('single bidder only on a competitive method', () => {
    expect(redFlags({ tender: tender({ numberOfTenderers: 1 }), contract: null })).toEqual(['single_bidder']);
    expect(redFlags({ tender: tender({ numberOfTenderers: 1, method: 'selective' }), contract: null })).toEqual(['single_bidder']);
    expect(redFlags({ tender: tender({ numberOfTenderers: 1, method: 'direct' }), contract: null })).toEqual([]);
    expect(redFlags({ tender: tender({ numberOfTenderers: 1, method: 'limited' }), contract: null })).toEqual([]);
    expect(redFlags({ tender: tender({ numberOfTenderers: 2 }), contract: null })).toEqual([]);
    expect(redFlags({ tender: tender({ numberOfTenderers: null }), contract: null })).toEqual([]);
  });

  it('a tender period shorter than the threshold, counted in calendar days', () => {
    expect(minTenderPeriodDays).toBe(15);
    expect(daysBetween('2026-03-02', '2026-03-09')).toBe(7);
    // Across the end of February and a daylight-saving change elsewhere: dates, not instants.
    expect(daysBetween('2026-02-20', '2026-03-07')).toBe(15);
    expect(redFlags({ tender: tender({ periodStart: '2026-02-20', periodEnd: '2026-03-06' }), contract: null })).toEqual(['short_tender_period']);
    expect(redFlags({ tender: tender({ periodStart: '2026-02-20', periodEnd: '2026-03-07' }), contract: null })).toEqual([]);
    expect(redFlags({ tender: tender({ periodStart: null, periodEnd: '2026-03-07' }), contract: null })).toEqual([]);
  });

  it('amendments adding more than 20 % to the signed value, the last amendment giving the current value', () => {
    expect(currentContractAmount(contract('100000'))).toBe('100000');
    expect(currentContractAmount(contract('100000', '110000', '125000'))).toBe('125000');
    expect(amendmentIncrease(contract('100000', '125000'))).toBeCloseTo(0.25);
    expect(redFlags({ tender: null, contract: contract('100000', '120000') })).toEqual([]);
    expect(redFlags({ tender: null, contract: contract('100000', '120000.01') })).toEqual(['large_amendment']);
    // A reduction is no warning sign, nor a zero signed value (nothing to compare to).
    expect(redFlags({ tender: null, contract: contract('100000', '50000') })).toEqual([]);
    expect(redFlags({ tender: null, contract: contract('0', '50000') })).toEqual([]);
  });

  it('several flags at once, in a stable order', () => {
    expect(redFlags({ tender: tender({ numberOfTenderers: 1, periodEnd: '2026-01-05' }), contract: contract('100', '200') })).toEqual(['single_bidder', 'short_tender_period', 'large_amendment']);
  });
});
