import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { type BudgetPhase, budgetPhases } from '../db/tables.js';
import { isCitizenBudgetPublished } from '../citizen/queries.js';
import { lineLinks } from '../budgets/links.js';
import { registerFinancesStyle } from './assets.js';
import { budgetYears, cofogTotals, defaultPhaseOf, executionBy, functionTotals, linesOfFunction, natureTotals, sectionTotals, votedPhaseOf, yearOverYear } from './queries.js';
import { FunctionLinesPage, FunctionsPage, NaturesPage } from './views/breakdown-views.js';
import { ExecutionPage } from './views/execution-views.js';
import { FinancesHomePage, YearPage } from './views/overview-views.js';
import { EmptyYear } from './views/shared.js';
import type { ViewContext } from '../../../platform/views/view-context.js';

const publicPage = { config: { access: 'public' as const } };
type YearRoute = { Params: { year: string; code?: string }; Querystring: { phase?: string } };

export function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** A budget year in the address: four digits in the range the database accepts, else "not found". */
export function parseYear(value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 1990 && year <= 2100)) throw new AppError('NOT_FOUND', `no budget year ${value}`);
  return year;
}

export interface YearState {
  commune: Commune;
  year: number;
  phases: BudgetPhase[];
  /** The phase asked for if the year has it, else the voted budget. */
  phase: BudgetPhase;
  hasCitizenBudget: boolean;
}

/** The year's phases and the chosen one; null when the year has no lines at all (the page says so). */
export async function yearState(request: FastifyRequest, yearParam: string, phaseParam?: string): Promise<YearState | null> {
  const commune = communeOf(request);
  const year = parseYear(yearParam);
  const { db } = request.server.platform;
  const phases = (await budgetYears(db, commune.id)).find((y) => y.year === year)?.phases ?? [];
  const asked = budgetPhases.find((p) => p === phaseParam && phases.includes(p));
  const phase = asked ?? defaultPhaseOf(phases);
  if (!phase) return null;
  return { commune, year, phases, phase, hasCitizenBudget: await isCitizenBudgetPublished(db, commune.id, year) };
}

type PageBuilder = (state: YearState, params: YearRoute['Params']) => Promise<(ctx: ViewContext) => JSX.Element>;

/** A page of one year: its phases resolved first; a year without lines gets the empty state instead. */
function yearPage(app: FastifyInstance, path: string, build: PageBuilder, { usesPhase = true } = {}): void {
  app.get<YearRoute>(path, publicPage, async (request, reply) => {
    const state = await yearState(request, request.params.year, usesPhase ? request.query.phase : undefined);
    const view = state ? await build(state, request.params) : (ctx: ViewContext) => <EmptyYear ctx={ctx} year={parseYear(request.params.year)} />;
    return sendPage(request, reply, view);
  });
}

/** Public pages of the budget: overview, one year by section, by function (and COFOG), by nature, execution. */
export async function budgetPageRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  registerFinancesStyle(app);

  app.get('/finances', publicPage, async (request, reply) => {
    const commune = communeOf(request);
    const [years, history] = await Promise.all([budgetYears(db, commune.id), yearOverYear(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <FinancesHomePage ctx={ctx} props={{ years, history }} />);
  });

  yearPage(app, '/finances/:year', async (state) => {
    const totals = await sectionTotals(db, state.commune.id, state.year, state.phase);
    return (ctx) => <YearPage ctx={ctx} props={{ ...state, totals }} />;
  });

  yearPage(app, '/finances/:year/functions', async (state) => {
    const [functions, cofog] = await Promise.all([
      functionTotals(db, state.commune.id, state.year, state.phase, 'expenditure'),
      cofogTotals(db, state.commune.id, state.year, state.phase, 'expenditure'),
    ]);
    return (ctx) => <FunctionsPage ctx={ctx} props={{ ...state, functions, cofog }} />;
  });

  yearPage(app, '/finances/:year/functions/:code', async (state, { code = '' }) => {
    const [lines, links] = await Promise.all([linesOfFunction(db, state.commune.id, state.year, state.phase, code), lineLinks(db, state.commune, state.year)]);
    return (ctx) => <FunctionLinesPage ctx={ctx} props={{ ...state, code, lines, links }} />;
  });

  yearPage(app, '/finances/:year/natures', async (state) => {
    const [revenue, expenditure] = await Promise.all([
      natureTotals(db, state.commune.id, state.year, state.phase, 'revenue'),
      natureTotals(db, state.commune.id, state.year, state.phase, 'expenditure'),
    ]);
    return (ctx) => <NaturesPage ctx={ctx} props={{ ...state, revenue, expenditure }} />;
  });

  // Execution always compares the voted budget with the accounts: no phase to choose.
  yearPage(app, '/finances/:year/execution', async (state) => {
    const votedPhase = votedPhaseOf(state.phases);
    const hasExecuted = state.phases.includes('executed');
    const [bySection = [], byFunction = [], byLine = []] = votedPhase && hasExecuted
      ? await Promise.all((['section', 'function', 'line'] as const).map((g) => executionBy(db, state.commune.id, state.year, votedPhase, g)))
      : [];
    return (ctx) => <ExecutionPage ctx={ctx} props={{ year: state.year, votedPhase, hasExecuted, bySection, byFunction, byLine, hasCitizenBudget: state.hasCitizenBudget }} />;
  }, { usesPhase: false });
}
