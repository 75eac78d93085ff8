import type { Bar } from '../../../../platform/views/charts.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { ExecutionRow } from '../queries.js';
import { functionName } from './breakdown-views.js';
import { AmountCell, ChartWithTable, FinancesLayout, phaseKeys, rateText, sectionLabel, YearNavigation } from './shared.js';

export interface ExecutionPageProps {
  year: number;
  votedPhase: 'amended' | 'adopted' | null;
  hasExecuted: boolean;
  bySection: ExecutionRow[];
  byFunction: ExecutionRow[];
  byLine: ExecutionRow[];
  hasCitizenBudget: boolean;
}

export const rateBar = (ctx: ViewContext, label: string, row: ExecutionRow): Bar => ({ label, value: row.rate ?? 0, display: rateText(ctx, row.rate) });

/** Voted, mandated, paid and the rate, one row each; `name` says what a row is. */
export function ExecutionTable({ ctx, id, column, rows, name }: { ctx: ViewContext; id: string; column: string; rows: ExecutionRow[]; name: (row: ExecutionRow) => string }) {
  return (
    <table class="finance-table" id={id}>
      <thead>
        <tr>
          <th scope="col" safe>{column}</th>
          <th scope="col" class="amount" safe>{ctx.t('finances.pages.voted')}</th>
          <th scope="col" class="amount" safe>{ctx.t('finances.pages.mandated')}</th>
          <th scope="col" class="amount" safe>{ctx.t('finances.pages.paid')}</th>
          <th scope="col" class="rate" safe>{ctx.t('finances.pages.rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row" dir="auto" safe>{name(row)}</th>
            <AmountCell ctx={ctx} amount={row.voted} />
            <AmountCell ctx={ctx} amount={row.executed} />
            <AmountCell ctx={ctx} amount={row.paid} />
            <td class="rate" safe>{rateText(ctx, row.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const sectionRowName = (ctx: ViewContext, row: ExecutionRow) => sectionLabel(ctx, row.direction, row.section ?? 'operating');

export function ExecutionPage({ ctx, props }: { ctx: ViewContext; props: ExecutionPageProps }) {
  const title = ctx.t('finances.pages.execution_title', { year: String(props.year) });
  const spending = props.byFunction.filter((r) => r.direction === 'expenditure');
  const lineName = (row: ExecutionRow) => `${row.code} · ${row.label}`;
  return (
    <FinancesLayout ctx={ctx} title={title}>
      <YearNavigation ctx={ctx} year={props.year} current="execution" hasCitizenBudget={props.hasCitizenBudget} />
      <h1 safe>{title}</h1>
      {!props.votedPhase || !props.hasExecuted ? (
        <p class="notice" id="no-execution" role="status" safe>{ctx.t('finances.pages.no_execution')}</p>
      ) : (
        <>
          <p class="phase-note" id="execution-basis" safe>{ctx.t('finances.pages.execution_intro', { phase: ctx.t(phaseKeys[props.votedPhase]) })}</p>
          <section id="execution-sections">
            <h2 safe>{ctx.t('finances.pages.execution_by_section')}</h2>
            <ChartWithTable title={ctx.t('finances.pages.execution_by_section')} bars={props.bySection.map((r) => rateBar(ctx, sectionRowName(ctx, r), r))} dir={ctx.dir}>
              <ExecutionTable ctx={ctx} id="execution-sections-table" column={ctx.t('finances.pages.section')} rows={props.bySection} name={(r) => sectionRowName(ctx, r)} />
            </ChartWithTable>
          </section>
          <section id="execution-functions">
            <h2 safe>{ctx.t('finances.pages.execution_by_function')}</h2>
            <ChartWithTable title={ctx.t('finances.pages.execution_by_function')} bars={spending.map((r) => rateBar(ctx, functionName(ctx, r), r))} dir={ctx.dir}>
              <ExecutionTable ctx={ctx} id="execution-functions-table" column={ctx.t('finances.pages.function')} rows={spending} name={(r) => functionName(ctx, r)} />
            </ChartWithTable>
          </section>
          <section id="execution-lines">
            <h2 safe>{ctx.t('finances.pages.execution_by_line')}</h2>
            {(['expenditure', 'revenue'] as const).map((direction) => (
              <div class="table-wrap" tabindex="0" role="region" aria-label={ctx.t(direction === 'revenue' ? 'finances.pages.revenue' : 'finances.pages.expenditure')}>
                <h3 safe>{ctx.t(direction === 'revenue' ? 'finances.pages.revenue' : 'finances.pages.expenditure')}</h3>
                <ExecutionTable ctx={ctx} id={`execution-lines-${direction}`} column={ctx.t('finances.pages.nature')} rows={props.byLine.filter((r) => r.direction === direction)} name={lineName} />
              </div>
            ))}
          </section>
        </>
      )}
    </FinancesLayout>
  );
}
