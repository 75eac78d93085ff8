import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { channelKeys, contributionKinds, kindKeys, statisticChannels } from '../../channels/index.js';
import { principles } from '../scorecard/config.js';
import type { MetricValue } from '../scorecard/metric.js';
import { principleScore } from '../scorecard/network-views.js';
import { principleKeys, scoreText, valueText } from '../scorecard/views.js';
import type { CommuneReport, Period, ProgrammeReport } from './report.js';

const query = (period: Period, commune: string | null) => new URLSearchParams({ from: period.from, to: period.to, ...(commune ? { commune } : {}) }).toString();

function PeriodForm({ ctx, report, commune, choices }: { ctx: ViewContext; report: ProgrammeReport; commune: string | null; choices: [string, string][] }) {
  return (
    <form method="get" action="/network/report" class="no-print filters">
      <label for="from" safe>{ctx.t('network.report.from')}</label> <input id="from" name="from" type="month" value={report.period.from} required />{' '}
      <label for="to" safe>{ctx.t('network.report.to')}</label> <input id="to" name="to" type="month" value={report.period.to} required />{' '}
      <label for="commune" safe>{ctx.t('network.report.commune')}</label>{' '}
      <select id="commune" name="commune">
        <option value="" safe>{ctx.t('network.report.all_communes')}</option>
        {choices.map(([slug, name]) => <option value={slug} selected={commune === slug} safe>{name}</option>)}
      </select>{' '}
      <button type="submit" safe>{ctx.t('network.report.show')}</button>
    </form>
  );
}

function TallyTable<K extends string>({ ctx, caption, keys, labels, tally }: { ctx: ViewContext; caption: string; keys: readonly K[]; labels: Record<K, string>; tally: Record<K, number> }) {
  return (
    <table class="compact">
      <caption safe>{caption}</caption>
      <tbody>{keys.map((key) => <tr><th scope="row" safe>{ctx.t(labels[key])}</th><td safe>{formatNumber(tally[key], ctx.locale)}</td></tr>)}</tbody>
    </table>
  );
}

const share = (ctx: ViewContext, value: MetricValue | null) => (value ? valueText(ctx, 'percent', value) : ctx.t('network.scorecard.no_data'));

function CommuneSection({ ctx, report }: { ctx: ViewContext; report: CommuneReport }) {
  const name = pickLocalized(report.name, ctx.locale)?.value ?? report.slug;
  return (
    <section class="report-commune" aria-labelledby={`report-${report.slug}`}>
      <h2 id={`report-${report.slug}`} safe>{name}</h2>
      <table class="compact">
        <caption safe>{ctx.t('network.report.scores')}</caption>
        <tbody>
          <tr><th scope="row" safe>{ctx.t('network.scorecard.overall')}</th><td safe>{scoreText(ctx, report.card.overall)}</td></tr>
          {principles.map((p) => <tr><th scope="row" safe>{ctx.t(principleKeys[p])}</th><td safe>{scoreText(ctx, principleScore(report.card, p))}</td></tr>)}
        </tbody>
      </table>
      <TallyTable ctx={ctx} caption={ctx.t('network.report.by_kind')} keys={contributionKinds} labels={kindKeys} tally={report.byKind} />
      <TallyTable ctx={ctx} caption={ctx.t('network.report.by_channel')} keys={statisticChannels} labels={channelKeys} tally={report.byChannel} />
      <p safe>{`${ctx.t('network.report.women')} : ${share(ctx, report.women)} · ${ctx.t('network.report.youth')} : ${share(ctx, report.youth)}`}</p>
      <p class="no-print"><a href={`/${report.slug}/scorecard`} safe>{ctx.t('network.report.scorecard_link')}</a></p>
    </section>
  );
}

export function ReportPage({ ctx, report, commune, choices }: { ctx: ViewContext; report: ProgrammeReport; commune: string | null; choices: [string, string][] }) {
  const title = ctx.t('network.report.title');
  const last = new Date(report.window.to.getTime() - 86_400_000);
  const bars = statisticChannels.map((c) => ({ label: ctx.t(channelKeys[c]), value: report.network.byChannel[c], display: formatNumber(report.network.byChannel[c], ctx.locale) }));
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p class="lead" safe>{ctx.t('network.report.period', { from: formatDate(report.window.from, ctx.locale), to: formatDate(last, ctx.locale), communes: String(report.communes.length) })}</p>
      <PeriodForm ctx={ctx} report={report} commune={commune} choices={choices} />
      <p class="no-print">
        <a href={`/network/report.csv?${query(report.period, commune)}`} safe>{ctx.t('network.report.csv')}</a>{' · '}
        <a href={`/network/report.json?${query(report.period, commune)}`} safe>{ctx.t('network.report.json')}</a>{' · '}
        <span safe>{ctx.t('network.report.print')}</span>
      </p>
      <section aria-labelledby="report-network">
        <h2 id="report-network" safe>{ctx.t('network.report.network', { total: formatNumber(report.network.total, ctx.locale) })}</h2>
        <div class="chart-and-table">
          <HorizontalBarChart title={ctx.t('network.report.by_channel')} bars={bars} dir={ctx.dir} />
          <TallyTable ctx={ctx} caption={ctx.t('network.report.by_channel')} keys={statisticChannels} labels={channelKeys} tally={report.network.byChannel} />
        </div>
        <TallyTable ctx={ctx} caption={ctx.t('network.report.by_kind')} keys={contributionKinds} labels={kindKeys} tally={report.network.byKind} />
      </section>
      {report.communes.map((c) => <CommuneSection ctx={ctx} report={c} />)}
      <p class="muted" safe>{ctx.t('network.report.method')}</p>
    </Layout>
  );
}
