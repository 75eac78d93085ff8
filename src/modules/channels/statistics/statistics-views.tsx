import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type ChannelStatistics, channelKeys, contributionKinds, kindKeys, statisticChannels, total } from './statistics.js';

const number = (ctx: ViewContext, n: number) => new Intl.NumberFormat(ctx.locale).format(n);

/** The bar chart of contributions per channel, with the same figures by kind in a table beside it. */
export function ChannelFigure({ ctx, stats }: { ctx: ViewContext; stats: ChannelStatistics }) {
  const { rows } = stats;
  const bars = statisticChannels.map((channel) => {
    const value = total(rows, (r) => r.channel === channel);
    return { label: ctx.t(channelKeys[channel]), value, display: number(ctx, value) };
  });
  return (
    <div class="side-by-side">
      <figure>
        <HorizontalBarChart title={ctx.t('channels.stats.chart_title')} bars={bars} dir={ctx.dir} />
      </figure>
      <table class="data" id="channel-figures">
        <caption safe>{ctx.t('channels.stats.table_caption')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('channels.stats.channel')}</th>
            {contributionKinds.map((kind) => <th scope="col" safe>{ctx.t(kindKeys[kind])}</th>)}
            <th scope="col" safe>{ctx.t('channels.stats.total')}</th>
          </tr>
        </thead>
        <tbody>
          {statisticChannels.map((channel) => (
            <tr data-channel={channel}>
              <th scope="row" safe>{ctx.t(channelKeys[channel])}</th>
              {contributionKinds.map((kind) => <td data-kind={kind} safe>{number(ctx, total(rows, (r) => r.channel === channel && r.kind === kind))}</td>)}
              <td data-kind="total" safe>{number(ctx, total(rows, (r) => r.channel === channel))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Month by month: contributions of every kind per channel. */
function MonthlyTable({ ctx, stats }: { ctx: ViewContext; stats: ChannelStatistics }) {
  return (
    <table class="data" id="channel-months">
      <caption safe>{ctx.t('channels.stats.monthly_caption')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>{ctx.t('channels.stats.month')}</th>
          {statisticChannels.map((channel) => <th scope="col" safe>{ctx.t(channelKeys[channel])}</th>)}
        </tr>
      </thead>
      <tbody>
        {stats.months.map((month) => (
          <tr>
            <th scope="row" safe>{month}</th>
            {statisticChannels.map((channel) => <td safe>{number(ctx, total(stats.rows, (r) => r.month === month && r.channel === channel))}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChannelStatisticsPage({ ctx, stats, area }: { ctx: ViewContext; stats: ChannelStatistics; area: 'admin' | 'public' }) {
  return (
    <Layout ctx={ctx} title={ctx.t('channels.stats.title')} area={area}>
      <h1 safe>{ctx.t('channels.stats.title')}</h1>
      <p safe>{ctx.t('channels.stats.intro')}</p>
      <ChannelFigure ctx={ctx} stats={stats} />
      <MonthlyTable ctx={ctx} stats={stats} />
      <p class="muted" safe>{ctx.t('channels.stats.open_data')}</p>
    </Layout>
  );
}
