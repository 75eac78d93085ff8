import type { CallRow } from '../db/tables.js';

export type CallState = 'draft' | 'upcoming' | 'open' | 'closed';

/** Today as YYYY-MM-DD in UTC: calls open and close on whole days, the same for every country of the network. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Where a call stands on a given day: applications are taken from opens_on to closes_on inclusive. */
export function callState(call: Pick<CallRow, 'published_at' | 'opens_on' | 'closes_on'>, now: Date): CallState {
  if (!call.published_at) return 'draft';
  const today = utcDay(now);
  if (today < call.opens_on) return 'upcoming';
  return today > call.closes_on ? 'closed' : 'open';
}

/** Whole days left to apply, counting today; 0 once closed. */
export function daysLeft(call: Pick<CallRow, 'closes_on'>, now: Date): number {
  const end = Date.parse(`${call.closes_on}T00:00:00Z`);
  const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
  return Math.max(0, Math.round((end - today) / 86_400_000) + 1);
}

/** A day `offset` days from `now` (UTC), as YYYY-MM-DD. */
export const dayFrom = (now: Date, offset: number): string => utcDay(new Date(now.getTime() + offset * 86_400_000));
