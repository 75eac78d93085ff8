import type { Commune } from '../db/platform-tables.js';
import type { NetworkLink } from '../module.js';
import { localeNames } from '../i18n/locales.js';
import { Localized } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { countryName } from './form-parts.js';

interface NetworkHomeProps {
  ctx: ViewContext;
  communes: Commune[];
  countries: string[];
  q: string;
  country: string;
  links: NetworkLink[];
}

function SearchForm({ ctx, countries, q, country }: Omit<NetworkHomeProps, 'communes' | 'links'>) {
  return (
    <form method="get" action="/" class="search-form filters" role="search">
      <div class="field">
        <label for="q" safe>{ctx.t('administration.network.search')}</label>
        <input id="q" name="q" type="search" value={q} maxlength="80" />
      </div>
      <div class="field">
        <label for="country" safe>{ctx.t('administration.network.country')}</label>
        <select id="country" name="country">
          <option value="" safe>{ctx.t('administration.network.all_countries')}</option>
          {countries.map((c) => <option value={c} selected={c === country} safe>{countryName(c, ctx.locale)}</option>)}
        </select>
      </div>
      <button type="submit" class="btn" safe>{ctx.t('administration.network.filter')}</button>
    </form>
  );
}

function CommuneCard({ ctx, commune }: { ctx: ViewContext; commune: Commune }) {
  return (
    <li class="card">
      <h2><a href={`/${commune.slug}/`}><Localized ctx={ctx} text={commune.name} /></a></h2>
      <p>
        <Localized ctx={ctx} text={commune.region} />
        {Object.keys(commune.region).length > 0 ? ' · ' : ''}
        <span safe>{countryName(commune.country, ctx.locale)}</span>
      </p>
      <p class="muted" safe>{ctx.t('administration.network.languages_list', { list: commune.enabled_locales.map((l) => localeNames[l]).join(', ') })}</p>
    </li>
  );
}

function NetworkLinks({ ctx, links }: { ctx: ViewContext; links: NetworkLink[] }) {
  if (links.length === 0) return <></>;
  return (
    <nav aria-labelledby="network-links-title">
      <h2 id="network-links-title" safe>{ctx.t('administration.network.links')}</h2>
      <ul>{links.map((link) => <li><a href={link.path} safe>{ctx.t(link.labelKey)}</a></li>)}</ul>
    </nav>
  );
}

export function NetworkHomePage({ ctx, communes, countries, q, country, links }: NetworkHomeProps) {
  const filtered = q !== '' || country !== '';
  return (
    <Layout ctx={ctx} title={ctx.t('administration.network.title')}>
      <h1 safe>{ctx.t('administration.network.title')}</h1>
      <p class="lead" safe>{ctx.t('administration.network.intro')}</p>
      {ctx.actor.isPlatformAdmin ? (
        <p class="admin-actions">
          <a class="btn btn-secondary" href="/admin/communes" safe>{ctx.t('administration.communes.title')}</a>{' '}
          <a class="btn btn-secondary" href="/admin/queue" safe>{ctx.t('administration.queue.title')}</a>
        </p>
      ) : ''}
      <SearchForm ctx={ctx} countries={countries} q={q} country={country} />
      {filtered ? <p class="muted" role="status" safe>{ctx.t('administration.network.results', { count: String(communes.length) })}</p> : ''}
      {communes.length === 0 ? <p class="notice" safe>{ctx.t('administration.network.none')}</p> : ''}
      <ul class="grid">
        {communes.map((commune) => <CommuneCard ctx={ctx} commune={commune} />)}
      </ul>
      <NetworkLinks ctx={ctx} links={links} />
    </Layout>
  );
}
