import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type BudgetDirection, type BudgetPhase, budgetPhases, type BudgetSection } from '../db/tables.js';
import { financesDb } from '../db/finances-db.js';
import { executionRate } from './execution-rate.js';

// Every amount below is summed by PostgreSQL on numeric(18, 2) and read back as an exact decimal string;
// views convert to a number only to format or to draw it.

type Db = Kysely<PlatformTables>;

export interface BudgetYear {
  year: number;
  phases: BudgetPhase[];
}

export interface SectionTotal {
  direction: BudgetDirection;
  section: BudgetSection;
  amount: string;
}

export interface CodeTotal {
  code: string;
  label: string;
  amount: string;
}

export interface CofogTotal {
  /** "01"…"10", or null for functions the crosswalk does not map. */
  division: string | null;
  amount: string;
}

/** The years the commune published lines for, newest first, with the phases each has. */
export async function budgetYears(db: Db, communeId: string): Promise<BudgetYear[]> {
  const rows = await financesDb(db)
    .selectFrom('finance_budget_lines')
    .select(['year', 'phase'])
    .distinct()
    .where('commune_id', '=', communeId)
    .orderBy('year', 'desc')
    .execute();
  const years = new Map<number, BudgetPhase[]>();
  for (const row of rows) years.set(row.year, [...(years.get(row.year) ?? []), row.phase]);
  return [...years].map(([year, phases]) => ({ year, phases: budgetPhases.filter((p) => phases.includes(p)) }));
}

/** The budget the council last voted: amended if the year has amendments, else adopted (null when neither exists). */
export function votedPhaseOf(phases: readonly BudgetPhase[]): 'amended' | 'adopted' | null {
  if (phases.includes('amended')) return 'amended';
  return phases.includes('adopted') ? 'adopted' : null;
}

/** What a page shows when no phase is asked for: the voted budget, else whatever phase exists. */
export function defaultPhaseOf(phases: readonly BudgetPhase[]): BudgetPhase | null {
  return votedPhaseOf(phases) ?? phases[0] ?? null;
}

const linesOf = (db: Db, communeId: string, year: number, phase: BudgetPhase) =>
  financesDb(db).selectFrom('finance_budget_lines').where('commune_id', '=', communeId).where('year', '=', year).where('phase', '=', phase);

const total = sql<string>`sum(amount)::text`;

/** Revenue and expenditure, operating and investment, of one phase. */
export async function sectionTotals(db: Db, communeId: string, year: number, phase: BudgetPhase): Promise<SectionTotal[]> {
  return linesOf(db, communeId, year, phase)
    .select(['direction', 'section', total.as('amount')])
    .groupBy(['direction', 'section'])
    .orderBy('direction', 'desc')
    .orderBy('section')
    .execute();
}

/** One direction's amounts by functional code (the "why"), largest first. */
export async function functionTotals(db: Db, communeId: string, year: number, phase: BudgetPhase, direction: BudgetDirection): Promise<CodeTotal[]> {
  return linesOf(db, communeId, year, phase)
    .where('direction', '=', direction)
    .select(['function_code as code', sql<string>`max(function_label)`.as('label'), total.as('amount')])
    .groupBy('function_code')
    .orderBy(sql`sum(amount)`, 'desc')
    .orderBy('function_code')
    .execute();
}

/** One direction's amounts by economic nature (the "what"), largest first. */
export async function natureTotals(db: Db, communeId: string, year: number, phase: BudgetPhase, direction: BudgetDirection): Promise<CodeTotal[]> {
  return linesOf(db, communeId, year, phase)
    .where('direction', '=', direction)
    .select(['nature_code as code', sql<string>`max(nature_label)`.as('label'), total.as('amount')])
    .groupBy('nature_code')
    .orderBy(sql`sum(amount)`, 'desc')
    .orderBy('nature_code')
    .execute();
}

/** Amounts by COFOG division through the commune's crosswalk; a group such as "06.3" rolls up to "06". */
export async function cofogTotals(db: Db, communeId: string, year: number, phase: BudgetPhase, direction: BudgetDirection): Promise<CofogTotal[]> {
  const division = sql<string | null>`split_part(c.cofog_code, '.', 1)`;
  return financesDb(db)
    .selectFrom('finance_budget_lines as l')
    .leftJoin('finance_cofog_crosswalk as c', (join) => join.onRef('c.commune_id', '=', 'l.commune_id').onRef('c.function_code', '=', 'l.function_code'))
    .where('l.commune_id', '=', communeId)
    .where('l.year', '=', year)
    .where('l.phase', '=', phase)
    .where('l.direction', '=', direction)
    .select([division.as('division'), sql<string>`sum(l.amount)::text`.as('amount')])
    .groupBy(division)
    .orderBy(division)
    .execute();
}

export interface BudgetLine {
  line_key: string;
  direction: BudgetDirection;
  section: BudgetSection;
  nature_code: string;
  nature_label: string;
  function_code: string;
  function_label: string;
  amount: string;
  paid_amount: string | null;
}

/** The lines of one function in one phase: the drill-down under a function's total. */
export async function linesOfFunction(db: Db, communeId: string, year: number, phase: BudgetPhase, functionCode: string): Promise<BudgetLine[]> {
  return linesOf(db, communeId, year, phase)
    .where('function_code', '=', functionCode)
    .select(['line_key', 'direction', 'section', 'nature_code', 'nature_label', 'function_code', 'function_label', sql<string>`amount::text`.as('amount'), sql<string | null>`paid_amount::text`.as('paid_amount')])
    .orderBy('direction', 'desc')
    .orderBy('section')
    .orderBy('nature_code')
    .execute();
}

export interface ExecutionRow {
  direction: BudgetDirection;
  /** Null when rows are grouped by function (a function spans both sections). */
  section: BudgetSection | null;
  /** Line: its nature; function: its code; section: empty. */
  code: string;
  label: string;
  voted: string;
  /** Mandated. */
  executed: string;
  paid: string;
  /** Percent, one decimal; null when nothing was voted. */
  rate: number | null;
}

export type ExecutionGrouping = 'line' | 'function' | 'section';

// What each grouping shows and groups by (fixed SQL fragments, never user input).
const groupings: Record<ExecutionGrouping, { columns: string; by: string }> = {
  line: { columns: 'section, max(nature_code) as code, max(nature_label) as label', by: 'direction, section, line_key' },
  function: { columns: 'null as section, function_code as code, max(function_label) as label', by: 'direction, function_code' },
  section: { columns: "section, '' as code, '' as label", by: 'direction, section' },
};

/**
 * Voted (the given phase) against executed, matched line by line on `line_key`: a line voted but never
 * executed counts as zero executed, a line executed without a vote as zero voted (so it has no rate).
 */
export async function executionBy(db: Db, communeId: string, year: number, votedPhase: 'amended' | 'adopted', grouping: ExecutionGrouping): Promise<ExecutionRow[]> {
  const g = groupings[grouping];
  const result = await sql<Omit<ExecutionRow, 'rate'>>`
    with voted as (
      select * from finance_budget_lines where commune_id = ${communeId} and year = ${year} and phase = ${votedPhase}
    ), executed as (
      select * from finance_budget_lines where commune_id = ${communeId} and year = ${year} and phase = 'executed'
    ), matched as (
      select coalesce(v.line_key, e.line_key) as line_key,
             coalesce(v.direction, e.direction) as direction,
             coalesce(v.section, e.section) as section,
             coalesce(v.nature_code, e.nature_code) as nature_code,
             coalesce(v.nature_label, e.nature_label) as nature_label,
             coalesce(v.function_code, e.function_code) as function_code,
             coalesce(v.function_label, e.function_label) as function_label,
             coalesce(v.amount, 0) as voted,
             coalesce(e.amount, 0) as executed,
             coalesce(e.paid_amount, 0) as paid
        from voted v full outer join executed e on e.line_key = v.line_key
    )
    select direction, ${sql.raw(g.columns)},
           sum(voted)::text as voted, sum(executed)::text as executed, sum(paid)::text as paid
      from matched
     group by ${sql.raw(g.by)}
     order by direction desc, section, code`.execute(financesDb(db));
  return result.rows.map((row) => ({ ...row, rate: executionRate(row.executed, row.voted) }));
}

export interface YearTotals {
  year: number;
  direction: BudgetDirection;
  adopted: string | null;
  executed: string | null;
}

/** Each year's adopted and executed totals by direction, oldest first, for the year-over-year view. */
export async function yearOverYear(db: Db, communeId: string): Promise<YearTotals[]> {
  const rows = await financesDb(db)
    .selectFrom('finance_budget_lines')
    .where('commune_id', '=', communeId)
    .where('phase', 'in', ['adopted', 'executed'])
    .select(['year', 'direction', 'phase', total.as('amount')])
    .groupBy(['year', 'direction', 'phase'])
    .orderBy('year')
    .execute();
  const byKey = new Map<string, YearTotals>();
  for (const row of rows) {
    const key = `${row.year}|${row.direction}`;
    const entry = byKey.get(key) ?? { year: row.year, direction: row.direction, adopted: null, executed: null };
    entry[row.phase === 'adopted' ? 'adopted' : 'executed'] = row.amount;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}
