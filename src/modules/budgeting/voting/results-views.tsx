import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Round } from '../db/tables.js';
import { formatAmount } from '../money.js';
import type { BudgetResult, RoundResults, Turnout } from './results.js';

const money = (ctx: ViewContext, round: Round, amount: number) => formatAmount(amount, round.currency, ctx.locale);

const channelKeys: Record<string, string> = { web: 'budgeting.results.channel_web', paper: 'budgeting.results.channel_paper', mediator: 'budgeting.results.channel_mediator', ussd: 'budgeting.results.channel_ussd', whatsapp: 'budgeting.results.channel_whatsapp' };
const genderKeys: Record<string, string> = { female: 'budgeting.results.gender_female', male: 'budgeting.results.gender_male', other: 'budgeting.results.gender_other' };

function BudgetSection({ ctx, round, result }: { ctx: ViewContext; round: Round; result: BudgetResult }) {
  const title = result.subBudget ?? ctx.t('budgeting.results.whole_round');
  const bars = result.ranking.map((p) => ({ label: p.title, value: p.votes, display: formatNumber(p.votes, ctx.locale) }));
  return (
    <section class="budget-result">
      <h2 safe>{`${title} — ${money(ctx, round, result.budget)}`}</h2>
      <HorizontalBarChart title={ctx.t('budgeting.results.chart_title', { budget: title })} bars={bars} dir={ctx.dir} />
      <table class="data">
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('budgeting.results.rank')}</th>
            <th scope="col" safe>{ctx.t('budgeting.results.project')}</th>
            <th scope="col" safe>{ctx.t('budgeting.results.votes')}</th>
            <th scope="col" safe>{ctx.t('budgeting.results.cost')}</th>
            <th scope="col" safe>{ctx.t('budgeting.results.funded')}</th>
          </tr>
        </thead>
        <tbody>
          {result.ranking.map((p) => (
            <tr class={p.funded ? 'winner' : undefined}>
              <td safe>{String(p.rank)}</td>
              <td><a href={`/${ctx.commune!.slug}/budgets/${round.id}/projects/${p.id}`} safe>{p.title}</a></td>
              <td safe>{formatNumber(p.votes, ctx.locale)}</td>
              <td safe>{money(ctx, round, p.cost)}</td>
              <td safe>{p.funded ? ctx.t('budgeting.results.funded_yes') : ctx.t('budgeting.results.funded_no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p safe>{ctx.t('budgeting.results.funded_total', { funded: money(ctx, round, result.fundedCost), left: money(ctx, round, result.leftOver) })}</p>
    </section>
  );
}

function CountTable({ ctx, caption, rows, label }: { ctx: ViewContext; caption: string; rows: [string | null, number][]; label: (value: string | null) => string }) {
  return (
    <table class="data">
      <caption safe>{caption}</caption>
      <tbody>{rows.map(([value, count]) => <tr><th scope="row" safe>{label(value)}</th><td safe>{formatNumber(count, ctx.locale)}</td></tr>)}</tbody>
    </table>
  );
}

function TurnoutSection({ ctx, turnout }: { ctx: ViewContext; turnout: Turnout }) {
  const unknown = ctx.t('budgeting.results.not_given');
  const keyed = (keys: Record<string, string>) => (value: string | null) => (value && keys[value] ? ctx.t(keys[value]) : (value ?? unknown));
  return (
    <section id="turnout">
      <h2 safe>{ctx.t('budgeting.results.turnout')}</h2>
      <p><strong safe>{ctx.t('budgeting.results.voters', { count: formatNumber(turnout.voters, ctx.locale) })}</strong></p>
      <CountTable ctx={ctx} caption={ctx.t('budgeting.results.by_channel')} rows={turnout.byChannel} label={keyed(channelKeys)} />
      <CountTable ctx={ctx} caption={ctx.t('budgeting.results.by_neighbourhood')} rows={turnout.byNeighbourhood} label={(v) => v ?? unknown} />
      <CountTable ctx={ctx} caption={ctx.t('budgeting.results.by_gender')} rows={turnout.byGender} label={keyed(genderKeys)} />
      <CountTable ctx={ctx} caption={ctx.t('budgeting.results.by_age_band')} rows={turnout.byAgeBand} label={(v) => v ?? unknown} />
    </section>
  );
}

export function ResultsPage({ ctx, round, results }: { ctx: ViewContext; round: Round; results: RoundResults }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.results.title')}>
      <p><a href={`/${ctx.commune!.slug}/budgets/${round.id}`}><Localized ctx={ctx} text={round.title} /></a></p>
      <h1 safe>{ctx.t('budgeting.results.title')}</h1>
      {results.sealed ? (
        <Notice>
          <p id="results-sealed" safe>
            {results.until ? ctx.t('budgeting.results.sealed_until', { date: formatDateTime(results.until, ctx.locale, ctx.commune!.time_zone) }) : ctx.t('budgeting.results.sealed')}
          </p>
        </Notice>
      ) : (
        <>
          <p class="notice" safe>{ctx.t('budgeting.results.tie_break')}</p>
          {results.budgets.map((result) => <BudgetSection ctx={ctx} round={round} result={result} />)}
          <TurnoutSection ctx={ctx} turnout={results.turnout} />
          <p id="results-file">
            <a href={`/${ctx.commune!.slug}/budgets/${round.id}/results.csv`} download="" safe>{ctx.t('budgeting.results.download')}</a>
            {' '}<span class="muted" safe>{ctx.t('budgeting.results.ledger_note')}</span>{' '}<a href={`/${ctx.commune!.slug}/ledger`} safe>{ctx.t('budgeting.results.ledger_link')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
