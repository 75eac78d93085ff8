import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { BudgetPhase } from '../../db/tables.js';
import { decimalSum } from '../execution-rate.js';
import type { BudgetYear, SectionTotal, YearTotals } from '../queries.js';
import { AmountCell, amountBar, ChartWithTable, directionKeys, FinancesLayout, money, phaseKeys, PhaseSelector, sectionLabel, YearNavigation, yearPath } from './shared.js';

export interface FinancesHomeProps {
  years: BudgetYear[];
  history: YearTotals[];
}

/** Each year's adopted and executed spending, then revenue: how the budget moved from year to year. */
function YearOverYear({ ctx, history }: { ctx: ViewContext; history: YearTotals[] }) {
  const title = ctx.t('finances.pages.year_over_year');
  const spending = history.filter((h) => h.direction === 'expenditure');
  const bars = spending.flatMap((h) => [
    amountBar(ctx, ctx.t('finances.pages.year_phase', { year: String(h.year), phase: ctx.t('finances.pages.phase_adopted') }), h.adopted),
    amountBar(ctx, ctx.t('finances.pages.year_phase', { year: String(h.year), phase: ctx.t('finances.pages.phase_executed') }), h.executed),
  ]);
  return (
    <section id="year-over-year">
      <h2 safe>{title}</h2>
      <ChartWithTable title={ctx.t('finances.pages.year_over_year_chart')} bars={bars} dir={ctx.dir}>
        <table class="finance-table">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('finances.pages.year')}</th>
              <th scope="col" safe>{ctx.t('finances.pages.direction')}</th>
              <th scope="col" class="amount" safe>{ctx.t('finances.pages.phase_adopted')}</th>
              <th scope="col" class="amount" safe>{ctx.t('finances.pages.phase_executed')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <th scope="row"><a href={yearPath(ctx, h.year)} safe>{String(h.year)}</a></th>
                <td safe>{ctx.t(directionKeys[h.direction])}</td>
                {h.adopted === null ? <td class="amount">—</td> : <AmountCell ctx={ctx} amount={h.adopted} />}
                {h.executed === null ? <td class="amount">—</td> : <AmountCell ctx={ctx} amount={h.executed} />}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartWithTable>
    </section>
  );
}

export function FinancesHomePage({ ctx, props }: { ctx: ViewContext; props: FinancesHomeProps }) {
  const title = ctx.t('finances.pages.title');
  return (
    <FinancesLayout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p class="lead" safe>{ctx.t('finances.pages.intro')}</p>
      {props.years.length === 0 ? (
        <p class="notice" id="no-budget" role="status" safe>{ctx.t('finances.pages.no_budget')}</p>
      ) : (
        <>
          <h2 safe>{ctx.t('finances.pages.years')}</h2>
          <ul id="budget-years">
            {props.years.map((y) => (
              <li>
                <a href={yearPath(ctx, y.year)} safe>{ctx.t('finances.pages.year_title', { year: String(y.year) })}</a>
                {' '}
                <span class="muted" safe>{`(${y.phases.map((p) => ctx.t(phaseKeys[p])).join(', ')})`}</span>
              </li>
            ))}
          </ul>
          <YearOverYear ctx={ctx} history={props.history} />
        </>
      )}
    </FinancesLayout>
  );
}

export interface YearPageProps {
  year: number;
  phases: BudgetPhase[];
  phase: BudgetPhase;
  totals: SectionTotal[];
  hasCitizenBudget: boolean;
}

/** Revenue against spending, operating against investment, in one phase. */
export function SectionTotals({ ctx, totals, title, id = 'section-totals' }: { ctx: ViewContext; totals: SectionTotal[]; title: string; id?: string }) {
  const sum = (direction: SectionTotal['direction']) => totals.filter((t) => t.direction === direction);
  return (
    <ChartWithTable title={title} bars={totals.map((t) => amountBar(ctx, sectionLabel(ctx, t.direction, t.section), t.amount))} dir={ctx.dir}>
      <table class="finance-table" id={id}>
        <thead>
          <tr><th scope="col" safe>{ctx.t('finances.pages.section')}</th><th scope="col" class="amount" safe>{ctx.t('finances.pages.amount')}</th></tr>
        </thead>
        <tbody>
          {totals.map((t) => <tr><th scope="row" safe>{sectionLabel(ctx, t.direction, t.section)}</th><AmountCell ctx={ctx} amount={t.amount} /></tr>)}
        </tbody>
        <tfoot>
          {(['revenue', 'expenditure'] as const).map((direction) => (
            <tr>
              <th scope="row" safe>{ctx.t(direction === 'revenue' ? 'finances.pages.total_revenue' : 'finances.pages.total_expenditure')}</th>
              <td class="amount" data-total={direction} safe>{money(ctx, decimalSum(sum(direction).map((t) => t.amount)))}</td>
            </tr>
          ))}
        </tfoot>
      </table>
    </ChartWithTable>
  );
}

export function YearPage({ ctx, props }: { ctx: ViewContext; props: YearPageProps }) {
  const title = ctx.t('finances.pages.year_title', { year: String(props.year) });
  const base = yearPath(ctx, props.year);
  return (
    <FinancesLayout ctx={ctx} title={title}>
      <YearNavigation ctx={ctx} year={props.year} current="overview" hasCitizenBudget={props.hasCitizenBudget} phase={props.phase} />
      <h1 safe>{title}</h1>
      <PhaseSelector ctx={ctx} path={base} phases={props.phases} current={props.phase} />
      <h2 safe>{ctx.t('finances.pages.sections_title', { phase: ctx.t(phaseKeys[props.phase]) })}</h2>
      <SectionTotals ctx={ctx} totals={props.totals} title={ctx.t('finances.pages.sections_chart')} />
      <ul>
        <li><a href={`${base}/functions?phase=${props.phase}`} safe>{ctx.t('finances.pages.by_function')}</a></li>
        <li><a href={`${base}/natures?phase=${props.phase}`} safe>{ctx.t('finances.pages.by_nature')}</a></li>
        <li><a href={`${base}/execution`} safe>{ctx.t('finances.pages.execution')}</a></li>
      </ul>
    </FinancesLayout>
  );
}
