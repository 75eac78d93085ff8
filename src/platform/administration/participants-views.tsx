import type { FormState } from '../http/forms.js';
import { formatDate } from '../i18n/format.js';
import { CsrfField, ErrorSummary, Field } from '../views/components.js';
import { InclusionFieldset } from '../auth/inclusion-fields.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { Select } from './form-parts.js';

export interface ParticipantRow { id: string; full_name: string; neighbourhood: string | null; registered_by: string | null; created_at: Date }

const consentMethodKeys = {
  oral: 'administration.participants.consent_oral',
  written: 'administration.participants.consent_written',
  thumbprint: 'administration.participants.consent_thumbprint',
} as const;
export const consentMethods = Object.keys(consentMethodKeys) as (keyof typeof consentMethodKeys)[];

const base = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/participants`;

function Explanation({ ctx }: { ctx: ViewContext }) {
  return <p class="lead" safe>{ctx.t('administration.participants.intro')}</p>;
}

export function ParticipantsPage({ ctx, rows }: { ctx: ViewContext; rows: ParticipantRow[] }) {
  const tz = ctx.commune!.time_zone;
  return (
    <Layout ctx={ctx} title={ctx.t('administration.participants.title')} area="admin">
      <h1 safe>{ctx.t('administration.participants.title')}</h1>
      <Explanation ctx={ctx} />
      <p class="admin-actions"><a class="btn" href={`${base(ctx)}/new`} safe>{ctx.t('administration.participants.register')}</a></p>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('administration.participants.none')}</p> : (
        <div class="table-wrap" tabindex="0">
          <table class="data">
            <caption safe>{ctx.t('administration.participants.list')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>{ctx.t('administration.participants.full_name')}</th>
                <th scope="col" safe>{ctx.t('administration.participants.neighbourhood')}</th>
                <th scope="col" safe>{ctx.t('administration.participants.registered_by')}</th>
                <th scope="col" safe>{ctx.t('administration.participants.registered_on')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <span safe>{r.full_name}</span> <span class="badge badge-muted" safe>{ctx.t('administration.participants.badge')}</span>
                  </td>
                  <td safe>{r.neighbourhood ?? ''}</td>
                  <td safe>{r.registered_by ?? ''}</td>
                  <td safe>{formatDate(r.created_at, ctx.locale, tz)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function NewParticipantPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = {
    full_name: ctx.t('administration.participants.full_name'),
    neighbourhood: ctx.t('administration.participants.neighbourhood'),
    phone: ctx.t('administration.participants.phone'),
    consent_method: ctx.t('administration.participants.consent_method'),
    consent: ctx.t('administration.participants.consent_label'),
  };
  return (
    <Layout ctx={ctx} title={ctx.t('administration.participants.register')} area="admin">
      <nav class="breadcrumbs" aria-label={ctx.t('administration.breadcrumbs')}>
        <a href={base(ctx)} safe>{ctx.t('administration.participants.title')}</a>
      </nav>
      <h1 safe>{ctx.t('administration.participants.register')}</h1>
      <Explanation ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`${base(ctx)}/new`}>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="full_name" label={labels.full_name} required autocomplete="off" />
        <Field ctx={ctx} form={form} name="neighbourhood" label={labels.neighbourhood} hint={ctx.t('administration.participants.optional')} />
        <Field ctx={ctx} form={form} name="phone" label={labels.phone} hint={ctx.t('administration.participants.phone_hint')} type="tel" inputmode="tel" dir="ltr" />
        <InclusionFieldset ctx={ctx} form={form} />
        <Select ctx={ctx} form={form} name="consent_method" label={labels.consent_method} options={consentMethods.map((m) => [m, ctx.t(consentMethodKeys[m])])} />
        <div class="field">
          {form.errors.consent ? <p class="field-error" id="consent-error" safe>{ctx.t(form.errors.consent)}</p> : ''}
          <input type="checkbox" id="consent" name="consent" value="on" required aria-invalid={form.errors.consent ? 'true' : undefined} aria-describedby={form.errors.consent ? 'consent-error' : undefined} />
          <label for="consent" safe>{ctx.t('administration.participants.consent')}</label>
        </div>
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('administration.participants.register')}</button>
        </div>
      </form>
    </Layout>
  );
}
