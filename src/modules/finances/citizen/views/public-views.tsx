import { Localized } from '../../../../platform/views/components.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { CitizenBudgetRow, CitizenBudgetSection } from '../../db/tables.js';
import { decimalSum } from '../../pages/execution-rate.js';
import { CodeTable, functionName } from '../../pages/views/breakdown-views.js';
import { ExecutionTable, rateBar } from '../../pages/views/execution-views.js';
import { SectionTotals } from '../../pages/views/overview-views.js';
import { AmountCell, amountBar, ChartWithTable, FinancesLayout, phaseKeys, YearNavigation } from '../../pages/views/shared.js';
import type { CitizenFigures } from '../figures.js';

export interface CitizenBudgetPageProps {
  budget: CitizenBudgetRow;
  figures: CitizenFigures;
  /** Staff looking at a page not yet published. */
  preview: boolean;
}

/** Revenue against spending: the two totals of the year. */
function OverviewChart({ ctx, figures, id }: { ctx: ViewContext; figures: CitizenFigures; id: string }) {
  const rows = (['revenue', 'expenditure'] as const).map((direction) => ({
    label: ctx.t(direction === 'revenue' ? 'finances.pages.total_revenue' : 'finances.pages.total_expenditure'),
    amount: decimalSum(figures.totals.filter((t) => t.direction === direction).map((t) => t.amount)),
  }));
  const title = ctx.t('finances.citizen.chart_overview');
  return (
    <ChartWithTable title={title} bars={rows.map((r) => amountBar(ctx, r.label, r.amount))} dir={ctx.dir}>
      <table class="finance-table" id={id}>
        <tbody>{rows.map((r) => <tr><th scope="row" safe>{r.label}</th><AmountCell ctx={ctx} amount={r.amount} /></tr>)}</tbody>
      </table>
    </ChartWithTable>
  );
}

/** One of the year's key charts, with its table, under a section of text. */
export function CitizenChart({ ctx, kind, figures, id }: { ctx: ViewContext; kind: NonNullable<CitizenBudgetSection['chart']>; figures: CitizenFigures; id: string }) {
  switch (kind) {
    case 'overview':
      return figures.totals.length === 0 ? '' : <OverviewChart ctx={ctx} figures={figures} id={id} />;
    case 'sections':
      return figures.totals.length === 0 ? '' : <SectionTotals ctx={ctx} totals={figures.totals} title={ctx.t('finances.pages.sections_chart')} id={id} />;
    case 'functions':
      return figures.functions.length === 0 ? '' : (
        <ChartWithTable title={ctx.t('finances.pages.functions_chart')} bars={figures.functions.map((f) => amountBar(ctx, functionName(ctx, f), f.amount))} dir={ctx.dir}>
          <CodeTable ctx={ctx} id={id} column={ctx.t('finances.pages.function')} rows={figures.functions} name={(row) => functionName(ctx, row)} />
        </ChartWithTable>
      );
    case 'execution':
      return figures.execution.length === 0 ? '' : (
        <ChartWithTable title={ctx.t('finances.pages.execution_by_function')} bars={figures.execution.map((r) => rateBar(ctx, functionName(ctx, r), r))} dir={ctx.dir}>
          <ExecutionTable ctx={ctx} id={id} column={ctx.t('finances.pages.function')} rows={figures.execution} name={(r) => functionName(ctx, r)} />
        </ChartWithTable>
      );
  }
}

export function CitizenBudgetPage({ ctx, props }: { ctx: ViewContext; props: CitizenBudgetPageProps }) {
  const { budget, figures } = props;
  const heading = ctx.t('finances.citizen.page_title', { year: String(budget.year) });
  return (
    <FinancesLayout ctx={ctx} title={heading}>
      <YearNavigation ctx={ctx} year={budget.year} current="citizen" hasCitizenBudget={true} />
      <article class="citizen-budget" id="citizen-budget">
        {props.preview ? <p class="draft-banner no-print" role="status" safe>{ctx.t('finances.citizen.preview_notice')}</p> : ''}
        <p class="citizen-commune" safe>{`${ctx.communeName ?? ''} · ${heading}`}</p>
        <h1><Localized ctx={ctx} text={budget.title} /></h1>
        <Localized ctx={ctx} text={budget.introduction} as="p" />
        {figures.phase ? <p class="muted" safe>{ctx.t('finances.citizen.figures_of', { phase: ctx.t(phaseKeys[figures.phase]) })}</p> : ''}
        <div class="citizen-sections">
          {budget.sections.map((section, index) => (
            <section class="citizen-section" id={`citizen-section-${index + 1}`}>
              <h2><Localized ctx={ctx} text={section.heading} /></h2>
              <Localized ctx={ctx} text={section.body} markdown />
              {section.chart ? <CitizenChart ctx={ctx} kind={section.chart} figures={figures} id={`citizen-figures-${index + 1}`} /> : ''}
            </section>
          ))}
        </div>
      </article>
    </FinancesLayout>
  );
}
