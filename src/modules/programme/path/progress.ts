import type { StepStatus } from './tables.js';

export interface StepFacts {
  status: StepStatus;
  due_on: string;
  indicator: string | null;
  target: string | number | null;
}

export interface StepProgress {
  /** The live value of the linked indicator (null: nothing measured yet, or no indicator). */
  value: number | null;
  target: number | null;
  /** Reached by the data; null when the step has no indicator. */
  met: boolean | null;
  /** Finished: met by the data, or declared done when there is no indicator to read. */
  complete: boolean;
  /** Due date passed and not complete. */
  late: boolean;
  /** Declared done while its indicator says otherwise. */
  flagged: boolean;
  /** 0..100 for the progress bar (value towards target). */
  percent: number;
}

/** Lower-is-better indicators (complaint days) are met at or under the target, the others at or over it. */
export function targetMet(value: number | null, target: number, direction: 'higher' | 'lower'): boolean {
  if (value === null) return false;
  return direction === 'lower' ? value <= target : value >= target;
}

function percentTowards(value: number | null, target: number, direction: 'higher' | 'lower'): number {
  if (value === null) return 0;
  if (targetMet(value, target, direction)) return 100;
  if (direction === 'lower') return value > 0 ? Math.round((target / value) * 100) : 100;
  return target > 0 ? Math.max(0, Math.round((value / target) * 100)) : 100;
}

/**
 * A step's progress measured from the data, not declared: a step linked to an indicator is met when the live value
 * reaches the target whatever its status says; `today` is the UTC day (YYYY-MM-DD) to judge lateness against.
 */
export function stepProgress(step: StepFacts, live: { value: number | null; direction: 'higher' | 'lower' } | undefined, today: string): StepProgress {
  const target = step.indicator && step.target !== null ? Number(step.target) : null;
  const value = target !== null ? (live?.value ?? null) : null;
  const direction = live?.direction ?? 'higher';
  const met = target !== null ? targetMet(value, target, direction) : null;
  const complete = met ?? step.status === 'done';
  const percent = target !== null ? percentTowards(value, target, direction) : complete ? 100 : 0;
  return { value, target, met, complete, late: !complete && step.due_on < today, flagged: step.status === 'done' && met === false, percent };
}
