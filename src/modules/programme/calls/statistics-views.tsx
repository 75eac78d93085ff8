import { formatNumber } from '../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CallRow } from '../db/tables.js';
import { genderKeys, textIn } from './application-views.js';
import { countryName } from './countries.js';
import { callPath } from './public-views.js';
import type { AgeBand, CallStatistics, PublicCount } from './statistics.js';

const ageKeys: Record<AgeBand, string> = {
  under_25: 'programme.stats.age_under_25',
  '25_34': 'programme.stats.age_25_34',
  '35_44': 'programme.stats.age_35_44',
  '45_plus': 'programme.stats.age_45_plus',
  unknown: 'programme.stats.unknown',
};

export const countText = (ctx: ViewContext, count: PublicCount) => ('exact' in count ? formatNumber(count.exact, ctx.locale) : ctx.t('programme.stats.fewer_than', { count: String(count.fewerThan) }));

/** A breakdown as a chart and, beside it, the table of the same figures (the chart hides small counts too). */
function Breakdown({ ctx, id, title, rows }: { ctx: ViewContext; id: string; title: string; rows: [string, PublicCount][] }) {
  // A hidden count is drawn as a short constant bar: its length must not tell the real figure.
  const bars = rows.map(([label, count]) => ({ label, value: 'exact' in count ? count.exact : 1, display: countText(ctx, count) }));
  return (
    <section id={id} class="statistics-breakdown">
      <h2 safe>{title}</h2>
      <div class="chart-and-table">
        <HorizontalBarChart title={title} bars={bars} dir={ctx.dir} />
        <table>
          <thead><tr><th safe>{title}</th><th safe>{ctx.t('programme.stats.applications')}</th></tr></thead>
          <tbody>
            {rows.map(([label, count]) => <tr><td safe>{label}</td><td safe>{countText(ctx, count)}</td></tr>)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function StatisticsPage({ ctx, call, stats }: { ctx: ViewContext; call: CallRow; stats: CallStatistics }) {
  const title = textIn(ctx, call.title);
  const country = (code: string) => (code === 'unknown' ? ctx.t('programme.stats.unknown') : countryName(code, ctx.locale));
  return (
    <Layout ctx={ctx} title={`${ctx.t('programme.stats.title')} — ${title}`}>
      <p><a href={callPath(call.slug)} safe>{title}</a></p>
      <h1 safe>{ctx.t('programme.stats.title')}</h1>
      <p class="muted" safe>{ctx.t('programme.stats.privacy')}</p>
      <dl class="facts" id="stats-totals">
        <dt safe>{ctx.t('programme.stats.submitted')}</dt><dd safe>{formatNumber(stats.submitted, ctx.locale)}</dd>
        <dt safe>{ctx.t('programme.stats.shortlisted')}</dt><dd safe>{formatNumber(stats.shortlisted, ctx.locale)}</dd>
        <dt safe>{ctx.t('programme.stats.selected')}</dt><dd safe>{formatNumber(stats.selected, ctx.locale)}</dd>
      </dl>
      <Breakdown ctx={ctx} id="by-country" title={ctx.t('programme.apply.country')} rows={stats.byCountry.map(([code, n]) => [country(code), n])} />
      {stats.byGender.length > 0 ? <Breakdown ctx={ctx} id="by-gender" title={ctx.t('programme.apply.gender')} rows={stats.byGender.map(([g, n]) => [ctx.t(genderKeys[g as keyof typeof genderKeys] ?? 'programme.stats.unknown'), n])} /> : ''}
      {stats.byAge.length > 0 ? <Breakdown ctx={ctx} id="by-age" title={ctx.t('programme.stats.age')} rows={stats.byAge.map(([band, n]) => [ctx.t(ageKeys[band]), n])} /> : ''}
      <p><a href={`${callPath(call.slug)}/statistics.csv`} safe>{ctx.t('programme.stats.csv')}</a></p>
    </Layout>
  );
}
