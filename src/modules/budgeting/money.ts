import { formatMoney } from '../../platform/i18n/format.js';
import type { Locale } from '../../platform/i18n/locales.js';

/** Largest amount accepted: far above any commune budget, far below where numbers lose precision. */
export const maxAmount = 1_000_000_000_000;

/**
 * Reads an amount typed by staff in whole currency units: "1 500 000", "1500000", "1.500.000" or
 * "1,500,000" (any space, including the narrow no-break space Intl writes). Null when it is not one.
 */
export function parseAmount(input: string | undefined): number | null {
  const compact = (input ?? '').replace(/[\s\u00a0\u202f]/g, '');
  const grouped = /^\d{1,3}([.,']\d{3})+$/.test(compact) ? compact.replace(/[.,']/g, '') : compact;
  if (!/^\d{1,13}$/.test(grouped)) return null;
  const amount = Number(grouped);
  return amount > 0 && amount <= maxAmount ? amount : null;
}

/** An amount for people to read, in the round's currency, e.g. "1 500 000 F CFA". */
export const formatAmount = (amount: number, currency: string, locale: Locale) => formatMoney(amount, currency, locale);

/** An amount put back into a form field: digits grouped by plain spaces, which parseAmount reads back. */
export const amountInputValue = (amount: number | null | undefined) => (amount == null ? '' : String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
