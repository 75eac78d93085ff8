import type { ContractStage, ProcurementMethod, TenderStage } from './tables.js';

/**
 * Shortest tender period (days from the notice to the bid deadline) that is not flagged. The Open Contracting
 * Partnership's "Red flags for integrity" guide flags bid periods shorter than the legal minimum; national
 * procurement codes in the region usually ask for about 30 days for an open tender and allow less only when
 * urgent, so under 15 days is a deliberately conservative default, not a legal rule checked for each country.
 * A commune whose law sets another minimum changes it here.
 */
export const minTenderPeriodDays = 15;

/** An amendment raising the signed value by more than this share is flagged (a common audit threshold). */
export const maxAmendmentIncrease = 0.2;

/** Methods where several suppliers are supposed to compete: one bid there is a warning sign. */
const competitiveMethods: ReadonlySet<ProcurementMethod> = new Set(['open', 'selective']);

export type RedFlag = 'single_bidder' | 'short_tender_period' | 'large_amendment';

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / dayMs);
}

/** The value the contract has now: the last amendment's, else the signed one. */
export function currentContractAmount(contract: ContractStage): string {
  return contract.amendments.at(-1)?.newAmount ?? contract.amount;
}

/** How much the amendments added to the signed value, as a share of it (0.35 = +35 %). */
export function amendmentIncrease(contract: ContractStage): number {
  const signed = Number(contract.amount);
  if (!(signed > 0)) return 0;
  return (Number(currentContractAmount(contract)) - signed) / signed;
}

/** The warning signs of one process, from what has been recorded so far. */
export function redFlags(process: { tender: TenderStage | null; contract: ContractStage | null }): RedFlag[] {
  const flags: RedFlag[] = [];
  const { tender, contract } = process;
  if (tender && competitiveMethods.has(tender.method) && tender.numberOfTenderers === 1) flags.push('single_bidder');
  if (tender?.periodStart && tender.periodEnd && daysBetween(tender.periodStart, tender.periodEnd) < minTenderPeriodDays) flags.push('short_tender_period');
  if (contract && amendmentIncrease(contract) > maxAmendmentIncrease) flags.push('large_amendment');
  return flags;
}
