import type { Children } from '@kitajs/html';
import { formatMoney, formatNumber } from '../../../../platform/i18n/format.js';
import type { Bar } from '../../../../platform/views/charts.js';
import { Layout } from '../../../../platform/views/layout.js';
import { SignedBarChart } from '../../../../platform/views/signed-bar-chart.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { BudgetDirection, BudgetPhase, BudgetSection } from '../../db/tables.js';
import { financesStylePath } from '../assets.js';

export const phaseKeys: Record<BudgetPhase, string> = {
  proposed: 'finances.pages.phase_proposed',
  adopted: 'finances.pages.phase_adopted',
  amended: 'finances.pages.phase_amended',
  executed: 'finances.pages.phase_executed',
};

export const directionKeys: Record<BudgetDirection, string> = {
  revenue: 'finances.pages.revenue',
  expenditure: 'finances.pages.expenditure',
};

const sectionKeys: Record<`${BudgetDirection}|${BudgetSection}`, string> = {
  'revenue|operating': 'finances.pages.revenue_operating',
  'revenue|investment': 'finances.pages.revenue_investment',
  'expenditure|operating': 'finances.pages.expenditure_operating',
  'expenditure|investment': 'finances.pages.expenditure_investment',
};

export const sectionLabel = (ctx: ViewContext, direction: BudgetDirection, section: BudgetSection) => ctx.t(sectionKeys[`${direction}|${section}`]);

/** An exact decimal amount, formatted in the commune's currency for the reader's language. */
export const money = (ctx: ViewContext, amount: string | null) => formatMoney(Number(amount ?? 0), ctx.commune!.currency, ctx.locale);

/** A rate in percent, or "—" when there is none (nothing voted). */
export const rateText = (ctx: ViewContext, rate: number | null) => (rate === null ? '—' : `${formatNumber(rate, ctx.locale)} %`);

export const yearPath = (ctx: ViewContext, year: number) => `/${ctx.commune!.slug}/finances/${year}`;
export const withPhase = (path: string, phase: BudgetPhase) => `${path}?phase=${phase}`;

/** An amount cell: right-aligned, marked when negative (a correction). */
export function AmountCell({ ctx, amount }: { ctx: ViewContext; amount: string | null }) {
  const negative = Number(amount ?? 0) < 0;
  return <td class={negative ? 'amount negative' : 'amount'} safe>{money(ctx, amount)}</td>;
}

export const amountBar = (ctx: ViewContext, label: string, amount: string | null): Bar => ({ label, value: Number(amount ?? 0), display: money(ctx, amount) });

/** A chart and, beside it, the same figures as a table (the chart is an image; the table is what a screen reader reads). */
export function ChartWithTable({ title, bars, dir, children }: { title: string; bars: Bar[]; dir: 'ltr' | 'rtl'; children: Children }) {
  return (
    <div class="chart-and-table">
      <SignedBarChart title={title} bars={bars} dir={dir} />
      <div class="table-wrap figure-table" tabindex="0" role="region" aria-label={title}>
        {children}
      </div>
    </div>
  );
}

/** Links to each phase the year has; the current one is marked. Plain links: no script needed. */
export function PhaseSelector({ ctx, path, phases, current }: { ctx: ViewContext; path: string; phases: readonly BudgetPhase[]; current: BudgetPhase }) {
  return (
    <nav aria-label={ctx.t('finances.pages.phase')} class="phase-selector">
      <ul class="tabs">
        {phases.map((phase) => (
          <li>
            <a href={withPhase(path, phase)} aria-current={phase === current ? 'page' : undefined} safe>{ctx.t(phaseKeys[phase])}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The pages of one year: overview, by function, by nature, execution, citizen budget; the chosen phase follows the reader. */
export function YearNavigation({ ctx, year, current, hasCitizenBudget, phase }: { ctx: ViewContext; year: number; current: 'overview' | 'functions' | 'natures' | 'execution' | 'citizen'; hasCitizenBudget: boolean; phase?: BudgetPhase }) {
  const base = yearPath(ctx, year);
  const keepPhase = (path: string) => (phase ? withPhase(path, phase) : path);
  const entries: [typeof current, string, string][] = [
    ['overview', keepPhase(base), 'finances.pages.overview'],
    ['functions', keepPhase(`${base}/functions`), 'finances.pages.by_function'],
    ['natures', keepPhase(`${base}/natures`), 'finances.pages.by_nature'],
    ['execution', `${base}/execution`, 'finances.pages.execution'],
  ];
  if (hasCitizenBudget) entries.push(['citizen', `${base}/citizen`, 'finances.citizen.nav']);
  return (
    <nav aria-label={ctx.t('finances.pages.year_pages', { year: String(year) })} class="no-print">
      <p><a href={`/${ctx.commune!.slug}/finances`} safe>{ctx.t('finances.pages.all_years')}</a></p>
      <ul class="tabs">
        {entries.map(([id, href, key]) => <li><a href={href} aria-current={id === current ? 'page' : undefined} safe>{ctx.t(key)}</a></li>)}
      </ul>
    </nav>
  );
}

/** Every finances page: the layout plus the finances stylesheet (screen figures, one-page print). */
export function FinancesLayout({ ctx, title, children }: { ctx: ViewContext; title: string; children: Children }) {
  return (
    <Layout ctx={ctx} title={title} head={<link rel="stylesheet" href={`/${ctx.commune!.slug}${financesStylePath}`} />}>
      {children}
    </Layout>
  );
}

export function EmptyYear({ ctx, year }: { ctx: ViewContext; year: number }) {
  return (
    <FinancesLayout ctx={ctx} title={ctx.t('finances.pages.year_title', { year: String(year) })}>
      <h1 safe>{ctx.t('finances.pages.year_title', { year: String(year) })}</h1>
      <p class="notice" id="empty-year" role="status" safe>{ctx.t('finances.pages.empty_year', { year: String(year) })}</p>
      <p><a href={`/${ctx.commune!.slug}/finances`} safe>{ctx.t('finances.pages.all_years')}</a></p>
    </FinancesLayout>
  );
}
