import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { BudgetPhase, CitizenBudgetSection } from '../db/tables.js';
import { budgetYears, type CodeTotal, defaultPhaseOf, executionBy, type ExecutionRow, functionTotals, type SectionTotal, sectionTotals, votedPhaseOf } from '../pages/queries.js';

/** The figures the citizen budget's charts show: the voted budget (or the latest phase there is) and its execution. */
export interface CitizenFigures {
  phase: BudgetPhase | null;
  totals: SectionTotal[];
  functions: CodeTotal[];
  execution: ExecutionRow[];
}

/** Loads only what the page's sections embed. */
export async function citizenFigures(db: Kysely<PlatformTables>, communeId: string, year: number, sections: CitizenBudgetSection[]): Promise<CitizenFigures> {
  const charts = new Set(sections.map((s) => s.chart).filter(Boolean));
  const phases = (await budgetYears(db, communeId)).find((y) => y.year === year)?.phases ?? [];
  const phase = defaultPhaseOf(phases);
  const voted = votedPhaseOf(phases);
  const empty: CitizenFigures = { phase, totals: [], functions: [], execution: [] };
  if (!phase) return empty;
  const wantsTotals = charts.has('overview') || charts.has('sections');
  const [totals, functions, execution] = await Promise.all([
    wantsTotals ? sectionTotals(db, communeId, year, phase) : [],
    charts.has('functions') ? functionTotals(db, communeId, year, phase, 'expenditure') : [],
    charts.has('execution') && voted && phases.includes('executed') ? executionBy(db, communeId, year, voted, 'function') : [],
  ]);
  return { phase, totals, functions, execution: execution.filter((row) => row.direction === 'expenditure') };
}
