import type { SeedContext } from '../../../platform/module.js';
import { scopedReports } from './tables.js';

const text = (fr: string) => JSON.stringify({ fr });

/**
 * For the demo: the commune's report on the first half of 2026 for its first two commitments, and the monitoring
 * body's review of the first. Civil society's shadow assessments are left for the demo account to write.
 */
export async function seedReports(context: SeedContext): Promise<void> {
  const commune = context.communes.get('ndar-toute');
  if (!commune) return;
  const scope = scopedReports(context.db, commune.id);
  const commitments = await scope.selectFrom('accountability_commitments').select(['id', 'number']).where('number', 'in', [1, 2]).orderBy('number').execute();
  const [budget, participatory] = commitments;
  if (!budget || !participatory) return;
  const period = { period_start: '2026-01-01', period_end: '2026-06-30', author_kind: 'commune' as const, published_at: new Date('2026-07-10T10:00:00Z') };
  await scope.insertInto('accountability_progress_reports', [
    {
      ...period, commitment_id: budget.id, status: 'substantial',
      narrative: text('Le budget 2026 est en ligne depuis mars ; les premiers marchés sont publiés au format OCDS.'),
      challenges: text('Les services techniques saisissent encore les marchés à la main.'),
      evidence: JSON.stringify([{ title: 'Budget 2026 en données ouvertes', url: 'https://example.org/ndar-toute/budget-2026' }]),
    },
    {
      ...period, commitment_id: participatory.id, status: 'limited',
      narrative: text('Le règlement du budget participatif a été adopté par le conseil en février.'),
    },
  ]).execute();
  await scope.insertInto('accountability_reviews', {
    commitment_id: budget.id, verifiable: true, ogp_values: JSON.stringify(['transparency', 'accountability']), potential_impact: 'modest', completion: 'limited',
    early_results: null, review_date: '2026-07-20',
    rationale: text('Le budget est publié, mais les marchés ne le sont que pour deux services sur sept : réalisation encore limitée.'),
  }).execute();
}
