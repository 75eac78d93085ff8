import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { categoryLabelKeys, statusLabelKeys, voteLabelKeys } from './labels.js';
import type { DecisionFilters } from './queries.js';
import { categoryNames, type CouncilDecisionRow, type CouncilSession, decisionStatuses, type VoteOption } from './tables.js';

const listUrl = (ctx: ViewContext) => `/${ctx.commune!.slug}/council-decisions`;
const decisionUrl = (ctx: ViewContext, id: string) => `${listUrl(ctx)}/${id}`;
const day = (ctx: ViewContext, value: string) => formatDate(value, ctx.locale, 'UTC');

function SearchForm({ ctx, filters, years }: { ctx: ViewContext; filters: DecisionFilters; years: number[] }) {
  return (
    <form method="get" action={listUrl(ctx)} class="search-form" role="search">
      <div class="field">
        <label for="q" safe>{ctx.t('accountability.council.search.text')}</label>
        <input id="q" name="q" type="search" value={filters.q ?? ''} />
      </div>
      <div class="field">
        <label for="category" safe>{ctx.t('accountability.council.field.category')}</label>
        <select id="category" name="category">
          <option value="" safe>{ctx.t('accountability.council.search.all')}</option>
          {categoryNames.map((c) => <option value={c} selected={filters.category === c} safe>{ctx.t(categoryLabelKeys[c])}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="year" safe>{ctx.t('accountability.council.search.year')}</label>
        <select id="year" name="year">
          <option value="" safe>{ctx.t('accountability.council.search.all')}</option>
          {years.map((y) => <option value={String(y)} selected={filters.year === y} safe>{String(y)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="status" safe>{ctx.t('accountability.council.field.status')}</label>
        <select id="status" name="status">
          <option value="" safe>{ctx.t('accountability.council.search.all')}</option>
          {decisionStatuses.map((s) => <option value={s} selected={filters.status === s} safe>{ctx.t(statusLabelKeys[s])}</option>)}
        </select>
      </div>
      <button type="submit" class="btn" safe>{ctx.t('accountability.council.search.submit')}</button>
    </form>
  );
}

/** The same search on another page: keeps every filter, changes the page number. */
function pageLink(ctx: ViewContext, filters: DecisionFilters, page: number): string {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.category) query.set('category', filters.category);
  if (filters.year) query.set('year', String(filters.year));
  if (filters.status) query.set('status', filters.status);
  query.set('page', String(page));
  return `${listUrl(ctx)}?${query.toString()}`;
}

export function DecisionListPage({ ctx, items, hasMore, filters, years }: { ctx: ViewContext; items: CouncilDecisionRow[]; hasMore: boolean; filters: DecisionFilters; years: number[] }) {
  const title = ctx.t('accountability.council.public.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <SearchForm ctx={ctx} filters={filters} years={years} />
      {items.length === 0 ? <p safe>{ctx.t('accountability.council.public.none')}</p> : ''}
      <ul class="doc-list decision-list">
        {items.map((d) => (
          <li>
            <a href={decisionUrl(ctx, d.id)}>
              <span safe>{`${d.number} — `}</span>
              <Localized ctx={ctx} text={d.subject} />
            </a>
            <span class="muted" safe>{` · ${day(ctx, d.decision_date)} · ${ctx.t(categoryLabelKeys[d.category])} · ${ctx.t(statusLabelKeys[d.status])}`}</span>
          </li>
        ))}
      </ul>
      <nav class="pager" aria-label={ctx.t('accountability.council.public.pages')}>
        {filters.page > 1 ? <a href={pageLink(ctx, filters, filters.page - 1)} rel="prev" safe>{ctx.t('accountability.council.public.newer')}</a> : ''}
        {hasMore ? <a href={pageLink(ctx, filters, filters.page + 1)} rel="next" safe>{ctx.t('accountability.council.public.older')}</a> : ''}
      </nav>
      <p>
        <a href={`${listUrl(ctx)}.csv`} safe>{ctx.t('accountability.council.public.csv')}</a>
      </p>
    </Layout>
  );
}

export interface NamedVote {
  personId: string;
  name: string;
  option: VoteOption;
}

function VoteCounts({ ctx, decision }: { ctx: ViewContext; decision: CouncilDecisionRow }) {
  const rows: [string, number][] = [
    [ctx.t('accountability.council.vote.yes'), decision.votes_for],
    [ctx.t('accountability.council.vote.no'), decision.votes_against],
    [ctx.t('accountability.council.vote.abstain'), decision.abstentions],
  ];
  const bars = rows.map(([label, value]) => ({ label, value, display: formatNumber(value, ctx.locale) }));
  return (
    <>
      <HorizontalBarChart title={ctx.t('accountability.council.decision.chart')} bars={bars} dir={ctx.dir} />
      <table class="data vote-counts">
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row" safe>{label}</th>
              <td safe>{formatNumber(value, ctx.locale)}</td>
            </tr>
          ))}
          {decision.present !== null ? (
            <tr>
              <th scope="row" safe>{ctx.t('accountability.council.field.present')}</th>
              <td safe>{formatNumber(decision.present, ctx.locale)}</td>
            </tr>
          ) : ''}
          {decision.members_in_office !== null ? (
            <tr>
              <th scope="row" safe>{ctx.t('accountability.council.field.members_in_office')}</th>
              <td safe>{formatNumber(decision.members_in_office, ctx.locale)}</td>
            </tr>
          ) : ''}
        </tbody>
      </table>
    </>
  );
}

function CouncillorVotes({ ctx, votes }: { ctx: ViewContext; votes: NamedVote[] }) {
  if (votes.length === 0) return <></>;
  return (
    <section>
      <h3 safe>{ctx.t('accountability.council.decision.individual_votes')}</h3>
      <table class="data councillor-votes">
        <tbody>
          {votes.map((v) => (
            <tr>
              <th scope="row"><a href={`/${ctx.commune!.slug}/council/${v.personId}`} safe>{v.name}</a></th>
              <td safe>{ctx.t(voteLabelKeys[v.option])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function DecisionPage({ ctx, decision, session, votes }: { ctx: ViewContext; decision: CouncilDecisionRow; session: CouncilSession | undefined; votes: NamedVote[] }) {
  const title = ctx.t('accountability.council.decision.title', { number: decision.number });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <Localized ctx={ctx} text={decision.subject} as="p" />
      <dl class="facts">
        <dt safe>{ctx.t('accountability.council.field.decision_date')}</dt>
        <dd safe>{day(ctx, decision.decision_date)}</dd>
        {session ? (
          <>
            <dt safe>{ctx.t('accountability.council.field.session')}</dt>
            <dd><Localized ctx={ctx} text={session.title} /><span safe>{` — ${day(ctx, session.session_date)}${session.place ? `, ${session.place}` : ''}`}</span></dd>
          </>
        ) : ''}
        <dt safe>{ctx.t('accountability.council.field.category')}</dt>
        <dd safe>{ctx.t(categoryLabelKeys[decision.category])}</dd>
        <dt safe>{ctx.t('accountability.council.field.status')}</dt>
        <dd safe>{ctx.t(statusLabelKeys[decision.status])}</dd>
        {decision.published_at ? (
          <>
            <dt safe>{ctx.t('accountability.council.field.published_at')}</dt>
            <dd safe>{formatDate(decision.published_at, ctx.locale, ctx.commune!.time_zone)}</dd>
          </>
        ) : ''}
      </dl>
      <Localized ctx={ctx} text={decision.full_text} markdown />
      {decision.pdf_file_id ? <p><a href={`/files/${decision.pdf_file_id}`} safe>{ctx.t('accountability.council.decision.pdf')}</a></p> : ''}
      <h2 safe>{ctx.t('accountability.council.decision.vote')}</h2>
      <VoteCounts ctx={ctx} decision={decision} />
      <CouncillorVotes ctx={ctx} votes={votes} />
      <p><a href={`${decisionUrl(ctx, decision.id)}/vote.json`} safe>{ctx.t('accountability.council.decision.vote_json')}</a></p>
      <p><a href={listUrl(ctx)} safe>{ctx.t('accountability.council.decision.back')}</a></p>
    </Layout>
  );
}
