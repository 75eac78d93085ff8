import type { Completion } from './tables.js';

/**
 * How much of the work each completion level stands for, in per cent. OGP's scale has no numbers; these thirds are
 * ours, said on the public pages: "limited" is started but far from done, "substantial" is most of it.
 */
export const completionPercent: Record<Completion, number> = { not_started: 0, limited: 33, substantial: 67, complete: 100 };

export interface Weighted {
  weight: number;
  percent: number;
}

/** The weighted mean of parts, rounded to a whole per cent; nothing weighed gives null (no progress to show). */
export function weightedPercent(parts: Weighted[]): number | null {
  const total = parts.reduce((sum, part) => sum + part.weight, 0);
  if (total <= 0) return null;
  const weighted = parts.reduce((sum, part) => sum + part.weight * part.percent, 0);
  return Math.round(weighted / total);
}

/** A commitment's progress: from its milestones when it has some, else from its own status. */
export function commitmentPercent(commitment: { status: Completion }, milestones: { status: Completion; weight: number }[]): number {
  if (milestones.length === 0) return completionPercent[commitment.status];
  return weightedPercent(milestones.map((m) => ({ weight: m.weight, percent: completionPercent[m.status] }))) ?? 0;
}

/** A plan's progress: its commitments' progress weighted by their weights; null for a plan without commitments. */
export function planPercent(commitments: { weight: number; percent: number }[]): number | null {
  return weightedPercent(commitments);
}
