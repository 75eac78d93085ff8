import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { type BudgetPhase, budgetPhases } from '../db/tables.js';
import { isCitizenBudgetPublished } from '../citizen/queries.js';
import { registerFinancesStyle } from './assets.js';
import { budgetYears, cofogTotals, defaultPhaseOf, executionBy, functionTotals, linesOfFunction, natureTotals, sectionTotals, votedPhaseOf, yearOverYear } from './queries.js';
import { FunctionLinesPage, FunctionsPage, NaturesPage } from './views/breakdown-views.js';
import { ExecutionPage } from './views/execution-views.js';
import { FinancesHomePage, YearPage } from './views/overview-views.js';
import { EmptyYear } from './views/shared.js';

const publicPage = { config: { access: 'public' as const } };
type YearRoute = { Params: { year: string }; Querystring: { phase?: string } };
type FunctionRoute = { Params: { year: string; code: string }; Querystring: { phase?: string } };

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

/** Public pages of the budget: overview, one year by section, by function (and COFOG), by nature, execution. */
export async function budgetPageRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  registerFinancesStyle(app);

  app.get('/finances', publicPage, async (request, reply) => {
    const commune = communeOf(request);
    const [years, history] = await Promise.all([budgetYears(db, commune.id), yearOverYear(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <FinancesHomePage ctx={ctx} props={{ years, history }} />);
  });

  app.get<YearRoute>('/finances/:year', publicPage, async (request, reply) => {
    const state = await yearState(request, request.params.year, request.query.phase);
    if (!state) return sendPage(request, reply, (ctx) => <EmptyYear ctx={ctx} year={parseYear(request.params.year)} />);
    const totals = await sectionTotals(db, state.commune.id, state.year, state.phase);
    return sendPage(request, reply, (ctx) => <YearPage ctx={ctx} props={{ ...state, totals }} />);
  });

  app.get<YearRoute>('/finances/:year/functions', publicPage, async (request, reply) => {
    const state = await yearState(request, request.params.year, request.query.phase);
    if (!state) return sendPage(request, reply, (ctx) => <EmptyYear ctx={ctx} year={parseYear(request.params.year)} />);
    const [functions, cofog] = await Promise.all([
      functionTotals(db, state.commune.id, state.year, state.phase, 'expenditure'),
      cofogTotals(db, state.commune.id, state.year, state.phase, 'expenditure'),
    ]);
    return sendPage(request, reply, (ctx) => <FunctionsPage ctx={ctx} props={{ ...state, functions, cofog }} />);
  });

  app.get<FunctionRoute>('/finances/:year/functions/:code', publicPage, async (request, reply) => {
    const state = await yearState(request, request.params.year, request.query.phase);
    if (!state) return sendPage(request, reply, (ctx) => <EmptyYear ctx={ctx} year={parseYear(request.params.year)} />);
    const lines = await linesOfFunction(db, state.commune.id, state.year, state.phase, request.params.code);
    return sendPage(request, reply, (ctx) => <FunctionLinesPage ctx={ctx} props={{ ...state, code: request.params.code, lines }} />);
  });

  app.get<YearRoute>('/finances/:year/natures', publicPage, async (request, reply) => {
    const state = await yearState(request, request.params.year, request.query.phase);
    if (!state) return sendPage(request, reply, (ctx) => <EmptyYear ctx={ctx} year={parseYear(request.params.year)} />);
    const [revenue, expenditure] = await Promise.all([
      natureTotals(db, state.commune.id, state.year, state.phase, 'revenue'),
      natureTotals(db, state.commune.id, state.year, state.phase, 'expenditure'),
    ]);
    return sendPage(request, reply, (ctx) => <NaturesPage ctx={ctx} props={{ ...state, revenue, expenditure }} />);
  });

  app.get<YearRoute>('/finances/:year/execution', publicPage, async (request, reply) => {
    const state = await yearState(request, request.params.year);
    if (!state) return sendPage(request, reply, (ctx) => <EmptyYear ctx={ctx} year={parseYear(request.params.year)} />);
    const votedPhase = votedPhaseOf(state.phases);
    const hasExecuted = state.phases.includes('executed');
    const groups = votedPhase && hasExecuted
      ? await Promise.all((['section', 'function', 'line'] as const).map((g) => executionBy(db, state.commune.id, state.year, votedPhase, g)))
      : [[], [], []];
    const [bySection = [], byFunction = [], byLine = []] = groups;
    return sendPage(request, reply, (ctx) => <ExecutionPage ctx={ctx} props={{ year: state.year, votedPhase, hasExecuted, bySection, byFunction, byLine, hasCitizenBudget: state.hasCitizenBudget }} />);
  });
}
