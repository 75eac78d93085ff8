import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { BudgetPhase } from '../../db/tables.js';
import { cofogDivisionOf, cofogDivisions } from '../../budgets/cofog.js';
import type { LineLink } from '../../budgets/links.js';
import { linkTypeKey } from '../../budgets/links-views.js';
import { Localized } from '../../../../platform/views/components.js';
import { pickLocalized } from '../../../../platform/i18n/locales.js';
import type { BudgetLine, CodeTotal, CofogTotal } from '../queries.js';
import { AmountCell, amountBar, ChartWithTable, FinancesLayout, phaseKeys, PhaseSelector, sectionLabel, withPhase, YearNavigation, yearPath } from './shared.js';

interface PhasePage {
  year: number;
  phases: BudgetPhase[];
  phase: BudgetPhase;
  hasCitizenBudget: boolean;
}

export interface FunctionsPageProps extends PhasePage {
  functions: CodeTotal[];
  cofog: CofogTotal[];
}

/** A function's name; lines without a functional code are "not assigned to a function". */
export const functionName = (ctx: ViewContext, row: { code: string; label: string }) =>
  row.code === '' ? ctx.t('finances.pages.no_function') : `${row.code} · ${row.label}`;

export const cofogName = (ctx: ViewContext, division: string | null) => {
  const known = cofogDivisionOf(division);
  const label = cofogDivisions.find((entry) => entry.code === known)?.label;
  return known && label ? `${known} · ${pickLocalized(label, ctx.locale, ['fr'])?.value ?? known}` : ctx.t('finances.pages.cofog_unmapped');
};

/** A table of amounts by code, each row linking to its detail when `href` gives one. */
export function CodeTable({ ctx, id, column, rows, name, href }: { ctx: ViewContext; id: string; column: string; rows: CodeTotal[]; name: (row: CodeTotal) => string; href?: (row: CodeTotal) => string | null }) {
  return (
    <table class="finance-table" id={id}>
      <thead><tr><th scope="col" safe>{column}</th><th scope="col" class="amount" safe>{ctx.t('finances.pages.amount')}</th></tr></thead>
      <tbody>
        {rows.map((row) => {
          const link = href?.(row) ?? null;
          return (
            <tr>
              <th scope="row" dir="auto">{link ? <a href={link} safe>{name(row)}</a> : <span safe>{name(row)}</span>}</th>
              <AmountCell ctx={ctx} amount={row.amount} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FunctionsPage({ ctx, props }: { ctx: ViewContext; props: FunctionsPageProps }) {
  const title = ctx.t('finances.pages.functions_title', { year: String(props.year) });
  const base = `${yearPath(ctx, props.year)}/functions`;
  const detail = (row: CodeTotal) => (row.code === '' ? null : withPhase(`${base}/${encodeURIComponent(row.code)}`, props.phase));
  const cofogRows = props.cofog.map((c) => ({ code: c.division ?? '', label: cofogName(ctx, c.division), amount: c.amount }));
  return (
    <FinancesLayout ctx={ctx} title={title}>
      <YearNavigation ctx={ctx} year={props.year} current="functions" hasCitizenBudget={props.hasCitizenBudget} phase={props.phase} />
      <h1 safe>{title}</h1>
      <PhaseSelector ctx={ctx} path={base} phases={props.phases} current={props.phase} />
      <p class="phase-note" safe>{ctx.t('finances.pages.functions_intro', { phase: ctx.t(phaseKeys[props.phase]) })}</p>
      <section id="by-function">
        <h2 safe>{ctx.t('finances.pages.by_function')}</h2>
        {props.functions.length === 0 ? <p class="muted" safe>{ctx.t('finances.pages.no_lines')}</p> : (
          <ChartWithTable title={ctx.t('finances.pages.functions_chart')} bars={props.functions.map((f) => amountBar(ctx, functionName(ctx, f), f.amount))} dir={ctx.dir}>
            <CodeTable ctx={ctx} id="functions-table" column={ctx.t('finances.pages.function')} rows={props.functions} name={(row) => functionName(ctx, row)} href={detail} />
          </ChartWithTable>
        )}
      </section>
      <section id="by-cofog">
        <h2 safe>{ctx.t('finances.pages.by_cofog')}</h2>
        <p class="muted" safe>{ctx.t('finances.pages.cofog_intro')}</p>
        {cofogRows.length === 0 ? <p class="muted" safe>{ctx.t('finances.pages.no_lines')}</p> : (
          <ChartWithTable title={ctx.t('finances.pages.cofog_chart')} bars={cofogRows.map((c) => amountBar(ctx, c.label, c.amount))} dir={ctx.dir}>
            <CodeTable ctx={ctx} id="cofog-table" column={ctx.t('finances.pages.cofog_division')} rows={cofogRows} name={(row) => row.label} />
          </ChartWithTable>
        )}
      </section>
    </FinancesLayout>
  );
}

export interface FunctionLinesPageProps extends PhasePage {
  code: string;
  lines: BudgetLine[];
  /** What lines of the year pay for (participatory-budget projects, council decisions). */
  links: LineLink[];
}

/** The projects and decisions a line pays for, as links under its name. */
function PaysFor({ ctx, links }: { ctx: ViewContext; links: LineLink[] }) {
  if (links.length === 0) return <></>;
  return (
    <ul class="pays-for">
      {links.map((link) => <li><span safe>{`${ctx.t(linkTypeKey(link.type))} : `}</span><a href={link.path}><Localized ctx={ctx} text={link.title} /></a></li>)}
    </ul>
  );
}

export function FunctionLinesPage({ ctx, props }: { ctx: ViewContext; props: FunctionLinesPageProps }) {
  const label = props.lines[0]?.function_label ?? '';
  const name = functionName(ctx, { code: props.code, label });
  const title = ctx.t('finances.pages.function_title', { name, year: String(props.year) });
  const path = `${yearPath(ctx, props.year)}/functions/${encodeURIComponent(props.code)}`;
  return (
    <FinancesLayout ctx={ctx} title={title}>
      <YearNavigation ctx={ctx} year={props.year} current="functions" hasCitizenBudget={props.hasCitizenBudget} phase={props.phase} />
      <p><a href={withPhase(`${yearPath(ctx, props.year)}/functions`, props.phase)} safe>{ctx.t('finances.pages.back_to_functions')}</a></p>
      <h1 dir="auto" safe>{title}</h1>
      <PhaseSelector ctx={ctx} path={path} phases={props.phases} current={props.phase} />
      {props.lines.length === 0 ? <p class="notice" role="status" safe>{ctx.t('finances.pages.no_lines')}</p> : (
        <ChartWithTable title={ctx.t('finances.pages.lines_chart', { name })} bars={props.lines.map((l) => amountBar(ctx, `${l.nature_code} · ${l.nature_label}`, l.amount))} dir={ctx.dir}>
          <table class="finance-table" id="function-lines">
            <thead>
              <tr>
                <th scope="col" safe>{ctx.t('finances.pages.nature')}</th>
                <th scope="col" safe>{ctx.t('finances.pages.section')}</th>
                <th scope="col" class="amount" safe>{ctx.t('finances.pages.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l) => (
                <tr>
                  <th scope="row" dir="auto">
                    <span safe>{`${l.nature_code} · ${l.nature_label}`}</span>
                    <PaysFor ctx={ctx} links={props.links.filter((link) => link.lineKey === l.line_key)} />
                  </th>
                  <td safe>{sectionLabel(ctx, l.direction, l.section)}</td>
                  <AmountCell ctx={ctx} amount={l.amount} />
                </tr>
              ))}
            </tbody>
          </table>
        </ChartWithTable>
      )}
    </FinancesLayout>
  );
}

export interface NaturesPageProps extends PhasePage {
  revenue: CodeTotal[];
  expenditure: CodeTotal[];
}

export function NaturesPage({ ctx, props }: { ctx: ViewContext; props: NaturesPageProps }) {
  const title = ctx.t('finances.pages.natures_title', { year: String(props.year) });
  const natureName = (row: CodeTotal) => `${row.code} · ${row.label}`;
  const part = (id: string, heading: string, rows: CodeTotal[]) => (
    <section id={id}>
      <h2 safe>{heading}</h2>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('finances.pages.no_lines')}</p> : (
        <ChartWithTable title={heading} bars={rows.map((r) => amountBar(ctx, natureName(r), r.amount))} dir={ctx.dir}>
          <CodeTable ctx={ctx} id={`${id}-table`} column={ctx.t('finances.pages.nature')} rows={rows} name={natureName} />
        </ChartWithTable>
      )}
    </section>
  );
  return (
    <FinancesLayout ctx={ctx} title={title}>
      <YearNavigation ctx={ctx} year={props.year} current="natures" hasCitizenBudget={props.hasCitizenBudget} phase={props.phase} />
      <h1 safe>{title}</h1>
      <PhaseSelector ctx={ctx} path={`${yearPath(ctx, props.year)}/natures`} phases={props.phases} current={props.phase} />
      <p class="phase-note" safe>{ctx.t('finances.pages.natures_intro', { phase: ctx.t(phaseKeys[props.phase]) })}</p>
      {part('revenue-natures', ctx.t('finances.pages.revenue_by_nature'), props.revenue)}
      {part('expenditure-natures', ctx.t('finances.pages.expenditure_by_nature'), props.expenditure)}
    </FinancesLayout>
  );
}
