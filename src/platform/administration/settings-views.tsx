import type { FormState } from '../http/forms.js';
import type { PalabreModule } from '../module.js';
import { CsrfField, ErrorSummary, Field } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { Checkbox, CommuneIdentityFields, identityLabels, LocalizedInputs } from './form-parts.js';

// Module ids are not translated by the modules themselves; these are the ones the platform ships.
const moduleLabelKeys: Record<string, string> = {
  commune: 'administration.modules.commune',
  participation: 'administration.modules.participation',
  administration: 'administration.modules.administration',
  auth: 'administration.modules.auth',
};

export function SettingsPage({ ctx, form, modules }: { ctx: ViewContext; form: FormState; modules: readonly PalabreModule[] }) {
  const commune = ctx.commune!;
  // Multipart bodies are read after the CSRF check, so the token travels in the URL.
  const action = `/${commune.slug}/admin/settings?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const labels = { ...identityLabels(ctx), email: ctx.t('administration.settings.email'), phone: ctx.t('administration.settings.phone'), website: ctx.t('administration.settings.website'), logo: ctx.t('administration.settings.logo') };
  return (
    <Layout ctx={ctx} title={ctx.t('administration.settings.title')} area="admin">
      <h1 safe>{ctx.t('administration.settings.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <CommuneIdentityFields ctx={ctx} form={form} />
        <fieldset>
          <legend safe>{ctx.t('administration.settings.contact')}</legend>
          <Field ctx={ctx} form={form} name="phone" label={ctx.t('administration.settings.phone')} type="tel" dir="ltr" />
          <Field ctx={ctx} form={form} name="email" label={ctx.t('administration.settings.email')} type="email" dir="ltr" />
          <Field ctx={ctx} form={form} name="website" label={ctx.t('administration.settings.website')} hint={ctx.t('administration.settings.website_hint')} type="url" dir="ltr" />
        </fieldset>
        <LocalizedInputs ctx={ctx} form={form} name="address" label={ctx.t('administration.settings.address')} />
        <LocalizedInputs ctx={ctx} form={form} name="hours" label={ctx.t('administration.settings.hours')} />
        <fieldset>
          <legend safe>{ctx.t('administration.settings.modules')}</legend>
          <p class="field-hint" safe>{ctx.t('administration.settings.modules_hint')}</p>
          {modules.map((m) => (
            <Checkbox
              name={`module_${m.id}`}
              label={m.nameKey ? ctx.t(m.nameKey) : moduleLabelKeys[m.id] ? ctx.t(moduleLabelKeys[m.id]!) : m.id}
              checked={!!m.alwaysOn || !!form.values[`module_${m.id}`]}
              disabled={!!m.alwaysOn}
            />
          ))}
        </fieldset>
        <div class="field">
          <label for="logo" safe>{ctx.t('administration.settings.logo')}</label>
          <p class="field-hint" id="logo-hint" safe>{ctx.t('administration.settings.logo_hint')}</p>
          {form.errors.logo ? <p class="field-error" id="logo-error" safe>{ctx.t(form.errors.logo)}</p> : ''}
          {commune.logo_file_id ? <img src={`/files/${commune.logo_file_id}`} alt={ctx.t('administration.settings.current_logo')} width="80" height="80" /> : ''}
          <input type="file" id="logo" name="logo" accept="image/png,image/jpeg,image/webp" aria-describedby="logo-hint" />
        </div>
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button>
        </div>
      </form>
    </Layout>
  );
}
