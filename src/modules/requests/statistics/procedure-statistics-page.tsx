import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { type Bar, HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { StatisticsPeriod } from './complaint-statistics.js';
import type { ProcedureFigures, ProcedureRow, ProcedureStatistics } from './procedure-statistics.js';
import { PeriodForm, percentOf } from './statistics-page.js';

export const procedureStatisticsPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/requests/procedures/statistics`;

const median = (ctx: ViewContext, f: ProcedureFigures) =>
  f.medianDaysToReady === null ? ctx.t('requests.stats.no_data') : ctx.t('requests.stats.days', { days: formatNumber(Math.round(f.medianDaysToReady * 10) / 10, ctx.locale) });

function withinDelay(ctx: ViewContext, f: ProcedureFigures) {
  const share = percentOf(f.readyWithinDelay, f.delayReached);
  if (share === null) return ctx.t('requests.stats.no_data');
  return ctx.t('requests.stats.on_time_value', { percent: formatNumber(share, ctx.locale), answered: formatNumber(f.readyWithinDelay, ctx.locale), total: formatNumber(f.delayReached, ctx.locale) });
}

function delay(ctx: ViewContext, row: ProcedureRow | null): string {
  if (!row) return '';
  if (row.delayDays === null) return ctx.t('requests.procedure_stats.no_delay');
  return ctx.t(row.delayBasis === 'legal' ? 'requests.procedure_stats.delay_legal' : 'requests.procedure_stats.delay_usual', { days: formatNumber(row.delayDays, ctx.locale) });
}

function Summary({ ctx, overall: f }: { ctx: ViewContext; overall: ProcedureFigures }) {
  return (
    <dl class="facts" id="stats-summary">
      <dt safe>{ctx.t('requests.procedure_stats.received')}</dt>
      <dd id="stat-received" safe>{formatNumber(f.received, ctx.locale)}</dd>
      <dt safe>{ctx.t('requests.procedure_stats.ready')}</dt>
      <dd id="stat-ready" safe>{formatNumber(f.ready, ctx.locale)}</dd>
      <dt safe>{ctx.t('requests.procedure_stats.median')}</dt>
      <dd id="stat-median" safe>{median(ctx, f)}</dd>
      <dt safe>{ctx.t('requests.procedure_stats.within_delay')}</dt>
      <dd id="stat-within-delay" safe>{withinDelay(ctx, f)}</dd>
      <dt safe>{ctx.t('requests.procedure_stats.refused')}</dt>
      <dd id="stat-refused" safe>{formatNumber(f.refused, ctx.locale)}</dd>
    </dl>
  );
}

function FiguresRow({ ctx, label, row, figures: f, id }: { ctx: ViewContext; label: string; row: ProcedureRow | null; figures: ProcedureFigures; id: string }) {
  return (
    <tr id={id}>
      <th scope="row" dir="auto" safe>{label}</th>
      <td safe>{delay(ctx, row)}</td>
      <td safe>{formatNumber(f.received, ctx.locale)}</td>
      <td safe>{formatNumber(f.ready, ctx.locale)}</td>
      <td safe>{median(ctx, f)}</td>
      <td safe>{withinDelay(ctx, f)}</td>
      <td safe>{formatNumber(f.refused, ctx.locale)}</td>
    </tr>
  );
}

/** The chart of requests received per procedure, and beside it every figure per procedure and overall. */
function ByProcedure({ ctx, statistics: s }: { ctx: ViewContext; statistics: ProcedureStatistics }) {
  const preferred = [ctx.commune!.default_locale, ...locales];
  const title = (row: ProcedureRow) => pickLocalized(row.title, ctx.locale, preferred)?.value ?? '—';
  const bars: Bar[] = s.procedures.map((row) => ({ label: title(row), value: row.received, display: formatNumber(row.received, ctx.locale) }));
  const heading = ctx.t('requests.procedure_stats.by_procedure');
  const columns = [
    'requests.procedure_stats.procedure',
    'requests.procedure_stats.delay',
    'requests.procedure_stats.received',
    'requests.procedure_stats.ready',
    'requests.procedure_stats.median',
    'requests.procedure_stats.within_delay',
    'requests.procedure_stats.refused',
  ];
  return (
    <section id="by-procedure" class="stats-breakdown">
      <h2 safe>{heading}</h2>
      {s.procedures.length === 0 ? <p class="muted" safe>{ctx.t('requests.stats.no_data')}</p> : (
        <div class="grid">
          <HorizontalBarChart title={heading} bars={bars} dir={ctx.dir} />
          <table>
            <thead><tr>{columns.map((key) => <th scope="col" safe>{ctx.t(key)}</th>)}</tr></thead>
            <tbody>{s.procedures.map((row) => <FiguresRow ctx={ctx} id={`procedure-${row.procedureId}`} label={title(row)} row={row} figures={row} />)}</tbody>
            <tfoot><FiguresRow ctx={ctx} id="procedures-overall" label={ctx.t('requests.procedure_stats.overall')} row={null} figures={s.overall} /></tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export function ProcedureStatisticsPage({ ctx, period, statistics: s }: { ctx: ViewContext; period: StatisticsPeriod; statistics: ProcedureStatistics }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.procedure_stats.title')}>
      <p>
        <a href={`/${ctx.commune!.slug}/requests`} safe>{ctx.t('requests.home.title')}</a>
        {' · '}
        <a href={`/${ctx.commune!.slug}/services`} safe>{ctx.t('commune.services.title')}</a>
      </p>
      <h1 safe>{ctx.t('requests.procedure_stats.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.procedure_stats.intro')}</p>
      <PeriodForm ctx={ctx} period={period} action={procedureStatisticsPath(ctx)} />
      <p class="muted" safe>{s.since ? ctx.t('requests.procedure_stats.since', { date: formatDate(s.since, ctx.locale) }) : ctx.t('requests.stats.period_all')}</p>
      <Summary ctx={ctx} overall={s.overall} />
      <p class="muted" safe>{ctx.t('requests.procedure_stats.note')}</p>
      <ByProcedure ctx={ctx} statistics={s} />
    </Layout>
  );
}
