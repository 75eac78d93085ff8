import { type LocalizedText, pickLocalized } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type Principle, principles } from './config.js';
import type { Scorecard } from './scoring.js';
import { principleKeys, scoreText } from './views.js';

export interface CommuneRow {
  slug: string;
  name: LocalizedText;
  country: string;
  card: Scorecard;
}

export type SortKey = 'name' | 'overall' | Principle;
export interface Listing {
  country: string | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

const nameOf = (ctx: ViewContext, row: CommuneRow) => pickLocalized(row.name, ctx.locale)?.value ?? row.slug;
export const principleScore = (card: Scorecard, principle: Principle) => card.principles.find((p) => p.principle === principle)?.score ?? null;

function query(listing: Listing, changes: Partial<Listing>): string {
  const next = { ...listing, ...changes };
  const params = new URLSearchParams({ sort: next.sort, dir: next.dir });
  if (next.country) params.set('country', next.country);
  return `/network/scorecard?${params}`;
}

/** A column header that sorts by it; a second click reverses the order. */
function SortHeader({ listing, column, label }: { listing: Listing; column: SortKey; label: string }) {
  const active = listing.sort === column;
  const dir = active && listing.dir === 'desc' ? 'asc' : 'desc';
  return (
    <th scope="col" aria-sort={active ? (listing.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={query(listing, { sort: column, dir })} safe>{label}</a>
    </th>
  );
}

function CountryFilter({ ctx, listing, countries }: { ctx: ViewContext; listing: Listing; countries: string[] }) {
  const names = new Intl.DisplayNames([ctx.locale], { type: 'region' });
  return (
    <form method="get" action="/network/scorecard" class="inline-form">
      <input type="hidden" name="sort" value={listing.sort} />
      <input type="hidden" name="dir" value={listing.dir} />
      <label for="country" safe>{ctx.t('network.scorecard.country')}</label>{' '}
      <select id="country" name="country">
        <option value="" safe>{ctx.t('network.scorecard.all_countries')}</option>
        {countries.map((code) => <option value={code} selected={listing.country === code} safe>{names.of(code) ?? code}</option>)}
      </select>{' '}
      <button type="submit" safe>{ctx.t('network.scorecard.filter')}</button>
    </form>
  );
}

export function NetworkScorecardPage({ ctx, rows, listing, countries }: { ctx: ViewContext; rows: CommuneRow[]; listing: Listing; countries: string[] }) {
  const title = ctx.t('network.scorecard.network_title');
  const regions = new Intl.DisplayNames([ctx.locale], { type: 'region' });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('network.scorecard.network_intro')}</p>
      <CountryFilter ctx={ctx} listing={listing} countries={countries} />
      <table id="network-scorecard">
        <caption safe>{ctx.t('network.scorecard.network_table')}</caption>
        <thead>
          <tr>
            <SortHeader listing={listing} column="name" label={ctx.t('network.scorecard.commune')} />
            <th scope="col" safe>{ctx.t('network.scorecard.country')}</th>
            <SortHeader listing={listing} column="overall" label={ctx.t('network.scorecard.overall')} />
            {principles.map((p) => <SortHeader listing={listing} column={p} label={ctx.t(principleKeys[p])} />)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row"><a href={`/${row.slug}/scorecard`} safe>{nameOf(ctx, row)}</a></th>
              <td safe>{regions.of(row.country) ?? row.country}</td>
              <td safe>{scoreText(ctx, row.card.overall)}</td>
              {principles.map((p) => <td safe>{scoreText(ctx, principleScore(row.card, p))}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/network/scorecard.csv" safe>{ctx.t('network.scorecard.csv')}</a>{' · '}
        <a href="/network/report" safe>{ctx.t('network.report.nav')}</a>
      </p>
      <h2 safe>{ctx.t('network.scorecard.side_by_side')}</h2>
      <div class="small-multiples">
        {principles.map((p) => (
          <figure>
            <HorizontalBarChart title={ctx.t(principleKeys[p])} bars={rows.map((row) => ({ label: nameOf(ctx, row), value: principleScore(row.card, p) ?? 0, display: scoreText(ctx, principleScore(row.card, p)) }))} max={100} dir={ctx.dir} />
            <figcaption safe>{ctx.t(principleKeys[p])}</figcaption>
          </figure>
        ))}
      </div>
    </Layout>
  );
}
