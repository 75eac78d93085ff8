import type { SeedContext } from '../../../platform/module.js';
import { monthStart } from './compute.js';
import { memberCommunes, takeSnapshot } from './snapshots.js';
import { scorecardSource } from './source.js';

/**
 * Monthly snapshots for the last six months, computed from the demo's data as it stands (the seed has no history
 * to replay): the trends have points to draw on first start.
 */
export async function seedScorecardSnapshots(context: SeedContext, now = new Date()): Promise<void> {
  for (const commune of await memberCommunes(context.db)) {
    for (let back = 6; back >= 1; back -= 1) await takeSnapshot(context.db, scorecardSource(), commune, monthStart(now, -back));
  }
}
