/**
 * Execution rate = executed (mandated) ÷ voted, in percent with one decimal, computed on exact decimal
 * strings (numeric values as PostgreSQL returns them) so no float error creeps into a published figure.
 * A line voted at zero has no rate (null, shown "—"), never Infinity or NaN.
 */
export function executionRate(executed: string | null, voted: string | null): number | null {
  const votedCents = toCents(voted ?? '0');
  if (votedCents === 0n) return null;
  const executedCents = toCents(executed ?? '0');
  return roundedDivision(executedCents * 1000n, votedCents) / 10;
}

/** "1234.5" or "-0.07" → cents as a BigInt; the column holds at most two decimals. */
export function toCents(amount: string): bigint {
  const match = /^(-)?(\d*)(?:\.(\d{0,2})\d*)?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const cents = BigInt(match[2] || '0') * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** Integer division rounded half away from zero, whatever the signs. */
function roundedDivision(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return Number(negative ? -quotient : quotient);
}

/** Adds exact decimal strings without float error; the result has two decimals, as the column does. */
export function decimalSum(amounts: string[]): string {
  const cents = amounts.reduce((sum, amount) => sum + toCents(amount), 0n);
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
