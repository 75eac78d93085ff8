import type { Commune } from '../db/platform-tables.js';
import { localeNames } from '../i18n/locales.js';
import { Localized } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';

export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}

export function NetworkHomePage({ ctx, communes, countries, q, country }: { ctx: ViewContext; communes: Commune[]; countries: string[]; q: string; country: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.network.title')}>
      <h1 safe>{ctx.t('administration.network.title')}</h1>
      <p class="lead" safe>{ctx.t('administration.network.intro')}</p>
      {ctx.actor.isPlatformAdmin ? <p><a class="btn btn-secondary" href="/admin/communes" safe>{ctx.t('administration.communes.title')}</a></p> : ''}
      <form method="get" action="/" class="search-form" role="search">
        <div class="field">
          <label for="q" safe>{ctx.t('administration.network.search')}</label>
          <input id="q" name="q" type="search" value={q} />
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
      {communes.length === 0 ? <p class="notice" safe>{ctx.t('administration.network.none')}</p> : ''}
      <ul class="grid">
        {communes.map((commune) => (
          <li class="card">
            <h2><a href={`/${commune.slug}/`}><Localized ctx={ctx} text={commune.name} /></a></h2>
            <p><Localized ctx={ctx} text={commune.region} />{' · '}<span safe>{countryName(commune.country, ctx.locale)}</span></p>
            <p class="muted" safe>{commune.enabled_locales.map((l) => localeNames[l]).join(' · ')}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
