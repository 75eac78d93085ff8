import type { SeedContext } from '../../../platform/module.js';
import { scoped } from '../db/finances-db.js';
import { budgetPhases } from '../db/tables.js';
import { applyImport, storeBudgetFile } from './commands.js';
import { demoBudgetCsv, demoCrosswalk } from './demo-budget.js';

/** Amounts of the demo budget are in francs CFA; Tiznit's are in dirhams (about 60 francs CFA each). */
const demoCommunes = [
  { slug: 'ndar-toute', scale: 1, years: [2025, 2026], phases: budgetPhases },
  // Enough to show a second commune and currency; every test seeds afresh, so the demo stays small.
  { slug: 'tiznit-el-jadida', scale: 60, years: [2026], phases: ['adopted', 'executed'] as const },
];

/** Budgets of the demo communes (two years of every phase for Ndar Toute), loaded through the import staff use. */
export async function seedBudgets(context: SeedContext): Promise<void> {
  for (const demo of demoCommunes) {
    const commune = context.communes.get(demo.slug);
    if (!commune) continue;
    const actor = { communeId: commune.id, actorId: null };
    for (const year of demo.years) {
      for (const phase of demo.phases) {
        const stored = await storeBudgetFile(context.services, actor, { year, phase, filename: `budget-${year}-${phase}.csv`, content: demoBudgetCsv(year, phase, demo.scale) });
        await applyImport(context.services, actor, stored, stored.mapping);
      }
    }
    await scoped(context.db, commune.id).insertInto('finance_cofog_crosswalk', Object.entries(demoCrosswalk).map(([function_code, cofog_code]) => ({ function_code, cofog_code }))).execute();
  }
}
