import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { type Bar, HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Category, State } from '../db/tables.js';
import { statusName } from '../views/status.js';
import { type ComplaintStatistics, type CountRow, type StatisticsPeriod, statisticsPeriods } from './complaint-statistics.js';

export interface StatisticsPageProps {
  period: StatisticsPeriod;
  statistics: ComplaintStatistics;
  categories: Category[];
  states: State[];
}

const periodKeys: Record<StatisticsPeriod, string> = {
  '30d': 'requests.stats.period_30d',
  '90d': 'requests.stats.period_90d',
  '12m': 'requests.stats.period_12m',
  all: 'requests.stats.period_all',
};

export const statisticsPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/requests/statistics`;

export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The period chooser of a statistics page (a GET form: works without JavaScript). */
export function PeriodForm({ ctx, period, action }: { ctx: ViewContext; period: StatisticsPeriod; action: string }) {
  return (
    <form method="get" action={action} class="filters" id="period-form">
      <label for="period" safe>{ctx.t('requests.stats.period')}</label>
      <select id="period" name="period">
        {statisticsPeriods.map((p) => <option value={p} selected={p === period} safe>{ctx.t(periodKeys[p])}</option>)}
      </select>
      <button type="submit" safe>{ctx.t('requests.stats.show')}</button>
    </form>
  );
}

function Summary({ ctx, statistics: s }: { ctx: ViewContext; statistics: ComplaintStatistics }) {
  const onTime = percentOf(s.answeredOnTime, s.deadlineReached);
  const median = s.medianResolutionDays === null ? ctx.t('requests.stats.no_data') : ctx.t('requests.stats.days', { days: formatNumber(Math.round(s.medianResolutionDays * 10) / 10, ctx.locale) });
  return (
    <dl class="facts" id="stats-summary">
      <dt safe>{ctx.t('requests.stats.received')}</dt>
      <dd id="stat-received" safe>{formatNumber(s.received, ctx.locale)}</dd>
      <dt safe>{ctx.t('requests.stats.median')}</dt>
      <dd id="stat-median" safe>{median}</dd>
      <dt safe>{ctx.t('requests.stats.on_time')}</dt>
      <dd id="stat-on-time" safe>
        {onTime === null ? ctx.t('requests.stats.no_data') : ctx.t('requests.stats.on_time_value', { percent: formatNumber(onTime, ctx.locale), answered: formatNumber(s.answeredOnTime, ctx.locale), total: formatNumber(s.deadlineReached, ctx.locale) })}
      </dd>
      <dt safe>{ctx.t('requests.stats.overdue')}</dt>
      <dd id="stat-overdue" safe>{formatNumber(s.overdueNow, ctx.locale)}</dd>
    </dl>
  );
}

/** A chart and, beside it, the same figures as a table (the chart is an image; the table is what a screen reader reads). */
function Breakdown({ ctx, id, title, column, rows }: { ctx: ViewContext; id: string; title: string; column: string; rows: { label: string; count: number }[] }) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const bars: Bar[] = rows.map((row) => ({ label: row.label, value: row.count, display: `${formatNumber(row.count, ctx.locale)} (${formatNumber(percentOf(row.count, total) ?? 0, ctx.locale)} %)` }));
  return (
    <section id={id} class="stats-breakdown">
      <h2 safe>{title}</h2>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('requests.stats.no_data')}</p> : (
        <div class="grid">
          <HorizontalBarChart title={title} bars={bars} dir={ctx.dir} />
          <table>
            <thead><tr><th scope="col" safe>{column}</th><th scope="col" safe>{ctx.t('requests.stats.count')}</th></tr></thead>
            <tbody>{rows.map((row) => <tr><th scope="row" dir="auto" safe>{row.label}</th><td safe>{formatNumber(row.count, ctx.locale)}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function labelled<K>(rows: CountRow<K>[], label: (key: K) => string) {
  return rows.map((row) => ({ label: label(row.key), count: row.count }));
}

export function StatisticsPage({ ctx, props }: { ctx: ViewContext; props: StatisticsPageProps }) {
  const { statistics: s } = props;
  const preferred = [ctx.commune!.default_locale, ...locales];
  const categoryName = (id: string | null) => {
    const category = props.categories.find((c) => c.id === id);
    return pickLocalized(category?.name, ctx.locale, preferred)?.value ?? category?.code ?? '—';
  };
  return (
    <Layout ctx={ctx} title={ctx.t('requests.stats.title')}>
      <p><a href={`/${ctx.commune!.slug}/requests`} safe>{ctx.t('requests.home.title')}</a></p>
      <h1 safe>{ctx.t('requests.stats.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.stats.intro')}</p>
      <PeriodForm ctx={ctx} period={props.period} action={statisticsPath(ctx)} />
      <p class="muted" safe>{s.since ? ctx.t('requests.stats.since', { date: formatDate(s.since, ctx.locale) }) : ctx.t('requests.stats.period_all')}</p>
      <Summary ctx={ctx} statistics={s} />
      <p class="muted" safe>{ctx.t('requests.stats.privacy_note')}</p>
      <Breakdown ctx={ctx} id="by-category" title={ctx.t('requests.stats.by_category')} column={ctx.t('requests.field.category')} rows={labelled(s.byCategory, categoryName)} />
      <Breakdown ctx={ctx} id="by-neighbourhood" title={ctx.t('requests.stats.by_neighbourhood')} column={ctx.t('requests.field.neighbourhood')} rows={labelled(s.byNeighbourhood, (n) => n ?? ctx.t('requests.stats.no_neighbourhood'))} />
      <Breakdown ctx={ctx} id="by-status" title={ctx.t('requests.stats.by_status')} column={ctx.t('requests.field.status')} rows={labelled(s.byStatus, (code) => statusName(ctx, 'complaint', code, props.states))} />
    </Layout>
  );
}
