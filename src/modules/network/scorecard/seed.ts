import type { SeedContext } from '../../../platform/module.js';
import { monthStart } from './compute.js';
import { memberCommunes, takeSnapshot } from './snapshots.js';
import { scorecardSource } from './source.js';

/**
 * The modules whose tables the configured metrics read: each metric's own module, and budgeting, whose votes the
 * participation and channel figures also count. An install without one of them (a trimmed test app) has no scorecard.
 */
function installMeasuresScorecard(context: SeedContext): boolean {
  const installed = new Set(context.services.modules.map((module) => module.id));
  const read = new Set([...scorecardSource().config.indicators.map((indicator) => indicator.metric.split('.')[0]!), 'budgeting']);
  return [...read].every((module) => installed.has(module));
}

/**
 * Monthly snapshots for the last six months, computed from the demo's data as it stands (the seed has no history
 * to replay): the trends have points to draw on first start.
 */
export async function seedScorecardSnapshots(context: SeedContext, now = new Date()): Promise<void> {
  if (!installMeasuresScorecard(context)) return;
  for (const commune of await memberCommunes(context.db)) {
    for (let back = 6; back >= 1; back -= 1) await takeSnapshot(context.db, scorecardSource(), commune, monthStart(now, -back));
  }
}
