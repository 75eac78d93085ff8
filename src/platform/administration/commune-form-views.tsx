import type { FormState } from '../http/forms.js';
import { localeNames } from '../i18n/locales.js';
import type { Locale } from '../i18n/locales.js';
import { CsrfField, ErrorSummary, Field } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { CommuneIdentityFields, countryName, identityLabels } from './form-parts.js';

export function NewCommunePage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = { ...identityLabels(ctx), slug: ctx.t('administration.commune.slug'), first_admin: ctx.t('administration.communes.first_admin') };
  return (
    <Layout ctx={ctx} title={ctx.t('administration.communes.new')} area="admin">
      <nav class="breadcrumbs" aria-label={ctx.t('administration.breadcrumbs')}>
        <a href="/admin/communes" safe>{ctx.t('administration.communes.title')}</a>
      </nav>
      <h1 safe>{ctx.t('administration.communes.new')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action="/admin/communes/new">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="slug" label={ctx.t('administration.commune.slug')} hint={ctx.t('administration.commune.slug_hint')} required dir="ltr" />
        <CommuneIdentityFields ctx={ctx} form={form} />
        <Field ctx={ctx} form={form} name="first_admin" label={ctx.t('administration.communes.first_admin')} hint={ctx.t('administration.roles.identifier_hint')} required dir="ltr" />
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('administration.communes.create')}</button>
        </div>
      </form>
    </Layout>
  );
}

export interface CommuneListRow { slug: string; name: string; country: string; enabled_locales: Locale[] }

export function CommunesPage({ ctx, communes }: { ctx: ViewContext; communes: CommuneListRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.communes.title')} area="admin">
      <h1 safe>{ctx.t('administration.communes.title')}</h1>
      <p class="admin-actions"><a class="btn" href="/admin/communes/new" safe>{ctx.t('administration.communes.new')}</a></p>
      <div class="table-wrap" tabindex="0">
        <table class="data">
          <caption class="visually-hidden" safe>{ctx.t('administration.communes.title')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('administration.commune.name')}</th>
              <th scope="col" safe>{ctx.t('administration.commune.slug')}</th>
              <th scope="col" safe>{ctx.t('administration.network.country')}</th>
              <th scope="col" safe>{ctx.t('administration.network.languages')}</th>
            </tr>
          </thead>
          <tbody>
            {communes.map((c) => (
              <tr>
                <td><a href={`/${c.slug}/admin`} safe>{c.name}</a></td>
                <td dir="ltr" safe>{`/${c.slug}/`}</td>
                <td safe>{countryName(c.country, ctx.locale)}</td>
                <td safe>{c.enabled_locales.map((l) => localeNames[l]).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
