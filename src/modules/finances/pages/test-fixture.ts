import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { BudgetDirection, BudgetPhase, BudgetSection } from '../db/tables.js';
import { financesDb } from '../db/finances-db.js';

// Budget lines written straight into the table (the import is built elsewhere), so the pages' tests
// know every figure. Two years: the given year has all four phases; the year before only adopted and
// executed (no amendments). Tests pick years the demo seed leaves alone, so both can live in one database.

interface FixtureLine {
  direction: BudgetDirection;
  section: BudgetSection;
  nature: [code: string, label: string];
  fn: [code: string, label: string];
  /** Per phase of the fixture's main year; executed also has what was paid. */
  proposed: number;
  adopted: number;
  amended: number;
  executed: number;
  paid: number;
}

const administration: [string, string] = ['020', 'Administration générale'];
const education: [string, string] = ['21', 'Enseignement'];
const water: [string, string] = ['81', 'Eau et assainissement'];
const health: [string, string] = ['73', 'Santé'];
const none: [string, string] = ['', ''];

export const fixtureLines: FixtureLine[] = [
  { direction: 'expenditure', section: 'operating', nature: ['6400', 'Salaires'], fn: administration, proposed: 2_000_000, adopted: 2_000_000, amended: 2_000_000, executed: 1_950_000, paid: 1_950_000 },
  // A correction: a cancelled payment of a previous year, negative in every phase.
  { direction: 'expenditure', section: 'operating', nature: ['6720', 'Annulation de mandats antérieurs'], fn: administration, proposed: -50_000, adopted: -50_000, amended: -50_000, executed: -50_000, paid: -50_000 },
  { direction: 'expenditure', section: 'operating', nature: ['6011', 'Fournitures scolaires'], fn: education, proposed: 1_000_000, adopted: 1_000_000, amended: 1_200_000, executed: 900_000, paid: 850_000 },
  { direction: 'expenditure', section: 'operating', nature: ['6100', 'Entretien du réseau d’eau'], fn: water, proposed: 500_000, adopted: 500_000, amended: 500_000, executed: 500_000, paid: 400_000 },
  { direction: 'expenditure', section: 'operating', nature: ['6230', 'Campagne de vaccination'], fn: health, proposed: 400_000, adopted: 400_000, amended: 400_000, executed: 0, paid: 0 },
  { direction: 'expenditure', section: 'investment', nature: ['2131', 'Construction d’une école'], fn: education, proposed: 3_500_000, adopted: 3_000_000, amended: 2_500_000, executed: 1_250_000, paid: 1_000_000 },
  // Voted at zero, executed anyway (an emergency borehole): it has no execution rate.
  { direction: 'expenditure', section: 'investment', nature: ['2315', 'Forage d’urgence'], fn: water, proposed: 0, adopted: 0, amended: 0, executed: 150_000, paid: 150_000 },
  { direction: 'revenue', section: 'operating', nature: ['7010', 'Taxes sur les marchés'], fn: none, proposed: 3_500_000, adopted: 3_500_000, amended: 3_600_000, executed: 3_100_000, paid: 3_100_000 },
  { direction: 'revenue', section: 'operating', nature: ['7400', 'Dotation de l’État'], fn: none, proposed: 2_000_000, adopted: 2_000_000, amended: 2_000_000, executed: 2_000_000, paid: 2_000_000 },
  { direction: 'revenue', section: 'investment', nature: ['1311', 'Subvention d’investissement'], fn: none, proposed: 3_000_000, adopted: 2_950_000, amended: 2_450_000, executed: 1_000_000, paid: 1_000_000 },
];

/** The crosswalk of the fixture's functions: a division for some, a group (rolling up) for others; health left out. */
export const fixtureCrosswalk: [functionCode: string, cofogCode: string][] = [
  ['020', '01.3'],
  ['21', '09'],
  ['81', '06.3'],
];

const phaseAmount = (line: FixtureLine, phase: BudgetPhase) => line[phase];

function row(communeId: string, year: number, phase: BudgetPhase, line: FixtureLine, scale: number, prefix: string) {
  const [natureCode, natureLabel] = line.nature;
  const [functionCode, functionLabel] = line.fn;
  // Integer arithmetic on whole francs keeps the fixture's figures exact.
  const amount = (value: number) => (value * scale) / 10;
  return {
    commune_id: communeId,
    year,
    phase,
    direction: line.direction,
    section: line.section,
    nature_code: natureCode,
    nature_label: `${prefix}${natureLabel}`,
    function_code: functionCode,
    function_label: functionLabel,
    line_key: `${line.direction}|${line.section}|${natureCode}|${functionCode}`,
    amount: amount(phaseAmount(line, phase)),
    paid_amount: phase === 'executed' ? amount(line.paid) : null,
  };
}

/**
 * Inserts the fixture for one commune: `year` in four phases (figures above), the year before adopted and
 * executed at nine tenths of those figures. `prefix` marks nature labels (e.g. to tell communes apart).
 * The crosswalk rows replace any the commune had for these function codes.
 */
export async function insertBudgetFixture(db: Kysely<PlatformTables>, communeId: string, { year = 2026, prefix = '' } = {}): Promise<void> {
  const rows = [
    ...(['proposed', 'adopted', 'amended', 'executed'] as const).flatMap((phase) => fixtureLines.map((line) => row(communeId, year, phase, line, 10, prefix))),
    ...(['adopted', 'executed'] as const).flatMap((phase) => fixtureLines.map((line) => row(communeId, year - 1, phase, line, 9, prefix))),
  ];
  const fdb = financesDb(db);
  await fdb.insertInto('finance_budget_lines').values(rows).execute();
  await fdb
    .insertInto('finance_cofog_crosswalk')
    .values(fixtureCrosswalk.map(([function_code, cofog_code]) => ({ commune_id: communeId, function_code, cofog_code })))
    .onConflict((oc) => oc.columns(['commune_id', 'function_code']).doUpdateSet((eb) => ({ cofog_code: eb.ref('excluded.cofog_code') })))
    .execute();
}
