import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { type LocalizedText, pickLocalized } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { IndicatorConfig, Principle } from './config.js';
import type { MetricValue, MetricWindow, ScorecardMetric } from './metric.js';
import type { IndicatorResult, Scorecard } from './scoring.js';
import type { TrendPoint } from './snapshots.js';
import type { Standing } from './standing.js';

export const principleKeys: Record<Principle, string> = {
  transparency: 'network.scorecard.principle_transparency',
  participation: 'network.scorecard.principle_participation',
  accountability: 'network.scorecard.principle_accountability',
  innovation: 'network.scorecard.principle_innovation',
};

export const localizedText = (ctx: ViewContext, text: LocalizedText) => pickLocalized(text, ctx.locale)?.value ?? '';

export const scoreText = (ctx: ViewContext, score: number | null) => (score === null ? ctx.t('network.scorecard.no_data') : `${formatNumber(score, ctx.locale)}/100`);

/** "62,5 % (5 sur 8)", "12 jours", "4": the value as measured, in the reader's language. */
export function valueText(ctx: ViewContext, unit: ScorecardMetric['unit'] | undefined, measured: MetricValue): string {
  if (measured.value === null) return ctx.t('network.scorecard.no_data');
  const number = formatNumber(measured.value, ctx.locale);
  const shown = unit === 'percent' ? `${number} %` : unit === 'days' ? ctx.t('network.scorecard.days', { count: number }) : number;
  const counted = measured.denominator !== undefined ? ` ${ctx.t('network.scorecard.of', { numerator: formatNumber(measured.numerator ?? 0, ctx.locale), denominator: formatNumber(measured.denominator, ctx.locale) })}` : '';
  return `${shown}${counted}`;
}

/** A month-by-month line of scores (0–100) in a few hundred bytes; the table under it holds the figures. */
function Sparkline({ title, points }: { title: string; points: TrendPoint[] }) {
  const scored = points.filter((p) => p.score !== null);
  if (scored.length < 2) return <></>;
  const step = 100 / (points.length - 1);
  const coordinates = points.flatMap((p, i) => (p.score === null ? [] : [`${(i * step).toFixed(1)},${(30 - (p.score * 28) / 100).toFixed(1)}`])).join(' ');
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 32" width="120" height="32" role="img" aria-label={title} class="sparkline">
      <title safe>{title}</title>
      <polyline points={coordinates} fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

function TrendTable({ ctx, points, unit }: { ctx: ViewContext; points: TrendPoint[]; unit: ScorecardMetric['unit'] | undefined }) {
  if (points.length === 0) return <p class="muted" safe>{ctx.t('network.scorecard.no_trend')}</p>;
  return (
    <table class="compact">
      <caption safe>{ctx.t('network.scorecard.trend')}</caption>
      <thead><tr><th scope="col" safe>{ctx.t('network.scorecard.month')}</th><th scope="col" safe>{ctx.t('network.scorecard.value')}</th><th scope="col" safe>{ctx.t('network.scorecard.score')}</th></tr></thead>
      <tbody>{points.map((p) => <tr><td safe>{p.month}</td><td safe>{valueText(ctx, unit, { value: p.value })}</td><td safe>{scoreText(ctx, p.score)}</td></tr>)}</tbody>
    </table>
  );
}

export interface IndicatorView {
  result: IndicatorResult;
  metric: ScorecardMetric | undefined;
  trend: TrendPoint[];
}

function IndicatorRow({ ctx, view, slug }: { ctx: ViewContext; view: IndicatorView; slug: string }) {
  const { indicator, measured, score } = view.result;
  const title = localizedText(ctx, indicator.title);
  return (
    <tr id={`indicator-${indicator.id}`}>
      <th scope="row">
        <span safe>{title}</span>
        <details>
          <summary safe>{ctx.t('network.scorecard.how')}</summary>
          <p safe>{localizedText(ctx, indicator.definition)}</p>
          {view.metric ? <p safe>{ctx.t(view.metric.howKey)}</p> : ''}
          {view.metric ? <p><a href={view.metric.dataPath(slug)} safe>{ctx.t('network.scorecard.data')}</a></p> : ''}
          <TrendTable ctx={ctx} points={view.trend} unit={view.metric?.unit} />
        </details>
      </th>
      <td safe>{valueText(ctx, view.metric?.unit, measured)}</td>
      <td><meter min="0" max="100" value={String(score ?? 0)} aria-hidden="true"></meter> <span safe>{scoreText(ctx, score)}</span></td>
      <td><Sparkline title={ctx.t('network.scorecard.trend_of', { indicator: title })} points={view.trend} /></td>
    </tr>
  );
}

export interface CommuneScorecardProps {
  card: Scorecard;
  window: MetricWindow;
  indicators: Map<string, IndicatorView>;
  gains: { indicator: IndicatorConfig; gain: number }[];
  standing: Standing;
}

function Gains({ ctx, gains }: { ctx: ViewContext; gains: CommuneScorecardProps['gains'] }) {
  if (gains.length === 0) return <></>;
  return (
    <section aria-labelledby="gains-title">
      <h2 id="gains-title" safe>{ctx.t('network.scorecard.gains_title')}</h2>
      <ol id="gains">
        {gains.map(({ indicator, gain }) => (
          <li>
            <a href={`#indicator-${indicator.id}`} safe>{localizedText(ctx, indicator.title)}</a>{' '}
            <span safe>{ctx.t('network.scorecard.gain', { points: formatNumber(gain, ctx.locale) })}</span>
            {indicator.guide ? <> — <a href={indicator.guide} safe>{ctx.t('network.scorecard.guide')}</a></> : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CommuneScorecardPage({ ctx, props }: { ctx: ViewContext; props: CommuneScorecardProps }) {
  const title = ctx.t('network.scorecard.title');
  const { card } = props;
  const bars = card.principles.map((p) => ({ label: ctx.t(principleKeys[p.principle]), value: p.score ?? 0, display: scoreText(ctx, p.score) }));
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('network.scorecard.intro', { from: formatDate(props.window.from, ctx.locale), to: formatDate(props.window.to, ctx.locale) })}</p>
      <p class="lead"><span safe>{ctx.t('network.scorecard.overall')}</span> <strong id="overall-score" safe>{scoreText(ctx, card.overall)}</strong></p>
      {props.standing.rank !== null ? <p id="standing" safe>{ctx.t('network.scorecard.rank', { rank: String(props.standing.rank), count: String(props.standing.ranked), average: scoreText(ctx, props.standing.averages.overall) })}</p> : ''}
      <div class="chart-and-table">
        <HorizontalBarChart title={ctx.t('network.scorecard.by_principle')} bars={bars} max={100} dir={ctx.dir} />
        <table>
          <caption safe>{ctx.t('network.scorecard.by_principle')}</caption>
          <thead><tr><th scope="col" safe>{ctx.t('network.scorecard.principle')}</th><th scope="col" safe>{ctx.t('network.scorecard.score')}</th><th scope="col" safe>{ctx.t('network.scorecard.network_average')}</th></tr></thead>
          <tbody>{card.principles.map((p) => <tr><th scope="row" safe>{ctx.t(principleKeys[p.principle])}</th><td safe>{scoreText(ctx, p.score)}</td><td safe>{scoreText(ctx, props.standing.averages[p.principle])}</td></tr>)}</tbody>
        </table>
      </div>
      <Gains ctx={ctx} gains={props.gains} />
      {card.principles.map((p) => (
        <section aria-labelledby={`principle-${p.principle}`}>
          <h2 id={`principle-${p.principle}`} safe>{`${ctx.t(principleKeys[p.principle])} — ${scoreText(ctx, p.score)}`}</h2>
          <table class="scorecard">
            <thead><tr><th scope="col" safe>{ctx.t('network.scorecard.indicator')}</th><th scope="col" safe>{ctx.t('network.scorecard.value')}</th><th scope="col" safe>{ctx.t('network.scorecard.score')}</th><th scope="col" safe>{ctx.t('network.scorecard.trend')}</th></tr></thead>
            <tbody>{p.indicators.map((r) => <IndicatorRow ctx={ctx} view={props.indicators.get(r.indicator.id)!} slug={ctx.commune!.slug} />)}</tbody>
          </table>
        </section>
      ))}
      <p><a href="/network/scorecard" safe>{ctx.t('network.scorecard.compare')}</a></p>
    </Layout>
  );
}
