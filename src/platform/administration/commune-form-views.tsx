import type { Commune } from '../db/platform-tables.js';
import type { FormState } from '../http/forms.js';
import { localeNames, locales } from '../i18n/locales.js';
import type { PalabreModule } from '../module.js';
import { CsrfField, ErrorSummary, Field } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { checkedLocales, LocalizedInputs } from './admin-views.js';
import { countryName } from './network-views.js';

export const countries = ['SN', 'GN', 'GW', 'NE', 'BJ', 'BF', 'MA', 'TN', 'ML', 'CI', 'TG', 'MR'];
export const timeZones = ['Africa/Dakar', 'Africa/Conakry', 'Africa/Bissau', 'Africa/Niamey', 'Africa/Porto-Novo', 'Africa/Ouagadougou', 'Africa/Casablanca', 'Africa/Tunis', 'Africa/Bamako', 'Africa/Abidjan', 'Africa/Lome', 'Africa/Nouakchott'];
export const currencies = ['XOF', 'GNF', 'MAD', 'TND', 'MRU', 'XAF', 'EUR'];

function Select({ ctx, form, name, label, options }: { ctx: ViewContext; form: FormState; name: string; label: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      {form.errors[name] ? <p class="field-error" safe>{ctx.t(form.errors[name]!)}</p> : ''}
      <select id={name} name={name}>{options.map(([value, text]) => <option value={value} selected={form.values[name] === value} safe>{text}</option>)}</select>
    </div>
  );
}

/** Identity and languages of a commune: shared by creation (platform admin) and settings (commune admin). */
export function CommuneIdentityFields({ ctx, form, commune }: { ctx: ViewContext; form: FormState; commune: Commune | null }) {
  const enabled = checkedLocales(commune, form);
  return (
    <>
      <LocalizedInputs ctx={ctx} form={form} name="name" label={ctx.t('administration.commune.name')} />
      <LocalizedInputs ctx={ctx} form={form} name="region" label={ctx.t('administration.commune.region')} />
      <Select ctx={ctx} form={form} name="country" label={ctx.t('administration.network.country')} options={countries.map((c) => [c, `${countryName(c, ctx.locale)} (${c})`])} />
      <Select ctx={ctx} form={form} name="default_locale" label={ctx.t('administration.commune.default_locale')} options={locales.map((l) => [l, localeNames[l]])} />
      <fieldset>
        <legend safe>{ctx.t('administration.commune.enabled_locales')}</legend>
        {locales.map((l) => (
          <div>
            <input type="checkbox" id={`locale_${l}`} name={`locale_${l}`} value="on" checked={enabled.has(l)} />
            <label for={`locale_${l}`} safe>{localeNames[l]}</label>
          </div>
        ))}
        {form.errors.locales ? <p class="field-error" safe>{ctx.t(form.errors.locales)}</p> : ''}
      </fieldset>
      <Select ctx={ctx} form={form} name="time_zone" label={ctx.t('administration.commune.time_zone')} options={timeZones.map((z) => [z, z])} />
      <Select ctx={ctx} form={form} name="currency" label={ctx.t('administration.commune.currency')} options={currencies.map((c) => [c, c])} />
    </>
  );
}

const labels = (ctx: ViewContext) => ({ slug: ctx.t('administration.commune.slug'), first_admin: ctx.t('administration.communes.first_admin'), name_fr: ctx.t('administration.commune.name') });

export function NewCommunePage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.communes.new')} area="admin">
      <h1 safe>{ctx.t('administration.communes.new')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels(ctx)} />
      <form method="post" action="/admin/communes">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="slug" label={ctx.t('administration.commune.slug')} hint={ctx.t('administration.commune.slug_hint')} required dir="ltr" />
        <CommuneIdentityFields ctx={ctx} form={form} commune={null} />
        <Field ctx={ctx} form={form} name="first_admin" label={ctx.t('administration.communes.first_admin')} hint={ctx.t('administration.roles.identifier_hint')} required dir="ltr" />
        <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('administration.communes.create')}</button></div>
      </form>
    </Layout>
  );
}

export function CommunesPage({ ctx, communes }: { ctx: ViewContext; communes: { slug: string; name: string; country: string }[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.communes.title')} area="admin">
      <h1 safe>{ctx.t('administration.communes.title')}</h1>
      <p><a class="btn" href="/admin/communes/new" safe>{ctx.t('administration.communes.new')}</a></p>
      <ul>{communes.map((c) => <li><a href={`/${c.slug}/admin`} safe>{c.name}</a> <span class="muted" safe>{`/${c.slug}/ · ${c.country}`}</span></li>)}</ul>
    </Layout>
  );
}

export function SettingsPage({ ctx, form, modules }: { ctx: ViewContext; form: FormState; modules: readonly PalabreModule[] }) {
  const commune = ctx.commune!;
  const action = `/${commune.slug}/admin/settings?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return (
    <Layout ctx={ctx} title={ctx.t('administration.settings.title')} area="admin">
      <h1 safe>{ctx.t('administration.settings.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ email: ctx.t('administration.settings.email'), phone: ctx.t('administration.settings.phone'), name_fr: ctx.t('administration.commune.name') }} />
      <form method="post" action={action} enctype="multipart/form-data">
        <CommuneIdentityFields ctx={ctx} form={form} commune={commune} />
        <fieldset>
          <legend safe>{ctx.t('administration.settings.contact')}</legend>
          <Field ctx={ctx} form={form} name="phone" label={ctx.t('administration.settings.phone')} type="tel" dir="ltr" />
          <Field ctx={ctx} form={form} name="email" label={ctx.t('administration.settings.email')} type="email" dir="ltr" />
          <Field ctx={ctx} form={form} name="website" label={ctx.t('administration.settings.website')} type="url" dir="ltr" />
        </fieldset>
        <LocalizedInputs ctx={ctx} form={form} name="address" label={ctx.t('administration.settings.address')} />
        <LocalizedInputs ctx={ctx} form={form} name="hours" label={ctx.t('administration.settings.hours')} />
        <fieldset>
          <legend safe>{ctx.t('administration.settings.modules')}</legend>
          {modules.map((m) => (
            <div>
              <input type="checkbox" id={`module_${m.id}`} name={`module_${m.id}`} value="on" checked={m.alwaysOn || commune.enabled_modules.includes(m.id)} disabled={m.alwaysOn} />
              <label for={`module_${m.id}`} safe>{m.id}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="logo" safe>{ctx.t('administration.settings.logo')}</label>
          <input type="file" id="logo" name="logo" accept="image/png,image/jpeg,image/webp" />
        </div>
        <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button></div>
      </form>
    </Layout>
  );
}
