/**
 * The CI check of the load benchmarks compares ratios (a page's throughput over a bare Fastify route's, measured
 * in the same run), not absolute rates, so machines of other speeds compare fairly. A ratio fails when it is more
 * than `tolerance` (30 %) below the one recorded in bench/load/baseline.json (cited by docs/performance.md).
 */

export type Ratios = Record<string, number>;

export interface Verdict {
  name: string;
  measured: number;
  baseline: number;
  /** The lowest ratio still accepted: baseline × (1 − tolerance). */
  floor: number;
  ok: boolean;
}

export function compareRatios(measured: Ratios, baseline: Ratios, tolerance = 0.3): Verdict[] {
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`tolerance must be in [0, 1) (got ${tolerance})`);
  return Object.entries(baseline).map(([name, recorded]) => {
    const value = measured[name];
    const floor = recorded * (1 - tolerance);
    // A ratio the run did not measure is a failure, not a pass: the check must not quietly shrink.
    return { name, measured: value ?? Number.NaN, baseline: recorded, floor, ok: value !== undefined && Number.isFinite(value) && value >= floor };
  });
}

export function describe(verdicts: Verdict[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  return verdicts.map((v) => `${v.ok ? 'ok  ' : 'FAIL'} ${v.name}: ${pct(v.measured)} (recorded ${pct(v.baseline)}, floor ${pct(v.floor)})`).join('\n');
}
