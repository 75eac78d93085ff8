import type { Commune, CommuneRole } from '../db/platform-tables.js';
import type { FormState } from '../http/forms.js';
import { formatDateTime } from '../i18n/format.js';
import { localeNames, locales } from '../i18n/locales.js';
import { roleLabelKeys } from '../permissions/actor.js';
import { CsrfField, ErrorSummary, Field } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';

export const grantableRoles: CommuneRole[] = ['staff', 'admin', 'moderator', 'mediator', 'citizen'];
const adminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin`;

export function DashboardPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.dashboard.title')} area="admin">
      <h1 safe>{ctx.t('administration.dashboard.title')}</h1>
      <p class="lead" safe>{ctx.t('administration.dashboard.intro', { commune: ctx.communeName ?? '' })}</p>
      <ul class="grid">
        {ctx.adminNavigation.map((entry) => (
          <li class="card"><a href={`/${ctx.commune!.slug}/${entry.path}`} safe>{ctx.t(entry.labelKey)}</a></li>
        ))}
      </ul>
      <p><a href={`/${ctx.commune!.slug}/`} safe>{ctx.t('administration.dashboard.public_site')}</a></p>
    </Layout>
  );
}

export interface GrantRow { id: string; name: string; identifier: string; role: CommuneRole; granted_at: Date; user_id: string }
export interface InvitationRow { identifier: string; role: CommuneRole; created_at: Date }

export function RolesPage({ ctx, grants, invitations, form }: { ctx: ViewContext; grants: GrantRow[]; invitations: InvitationRow[]; form: FormState }) {
  const tz = ctx.commune!.time_zone;
  return (
    <Layout ctx={ctx} title={ctx.t('administration.roles.title')} area="admin">
      <h1 safe>{ctx.t('administration.roles.title')}</h1>
      <div class="table-wrap" tabindex="0">
        <table class="data">
          <caption class="visually-hidden" safe>{ctx.t('administration.roles.title')}</caption>
          <thead><tr>
            <th scope="col" safe>{ctx.t('administration.roles.person')}</th>
            <th scope="col" safe>{ctx.t('administration.roles.role')}</th>
            <th scope="col" safe>{ctx.t('administration.roles.since')}</th>
            <th scope="col"><span class="visually-hidden" safe>{ctx.t('administration.roles.revoke')}</span></th>
          </tr></thead>
          <tbody>
            {grants.map((g) => (
              <tr>
                <td><span safe>{g.name}</span> <span class="muted" dir="ltr" safe>{g.identifier}</span></td>
                <td safe>{ctx.t(roleLabelKeys[g.role])}</td>
                <td safe>{formatDateTime(g.granted_at, ctx.locale, tz)}</td>
                <td>
                  <form method="post" action={`${adminBase(ctx)}/roles/${g.id}/revoke`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="btn-link" safe>{ctx.t('administration.roles.revoke')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invitations.length > 0 ? (
        <section>
          <h2 safe>{ctx.t('administration.roles.pending')}</h2>
          <ul>{invitations.map((i) => <li><span dir="ltr" safe>{i.identifier}</span> — <span safe>{ctx.t(roleLabelKeys[i.role])}</span></li>)}</ul>
        </section>
      ) : ''}
      <section>
        <h2 safe>{ctx.t('administration.roles.grant')}</h2>
        <ErrorSummary ctx={ctx} form={form} labels={{ identifier: ctx.t('administration.roles.identifier') }} />
        <form method="post" action={`${adminBase(ctx)}/roles`}>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={form} name="identifier" label={ctx.t('administration.roles.identifier')} hint={ctx.t('administration.roles.identifier_hint')} required dir="ltr" />
          <div class="field">
            <label for="role" safe>{ctx.t('administration.roles.role')}</label>
            <select id="role" name="role">{grantableRoles.map((r) => <option value={r} selected={form.values.role === r} safe>{ctx.t(roleLabelKeys[r])}</option>)}</select>
          </div>
          <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('administration.roles.grant')}</button></div>
        </form>
      </section>
    </Layout>
  );
}

export interface AuditRow { id: string; created_at: Date; actor: string | null; on_behalf_of: string | null; action: string; resource_type: string; resource_id: string | null; ip: string | null }

export function AuditPage({ ctx, rows, nextBefore }: { ctx: ViewContext; rows: AuditRow[]; nextBefore: string | null }) {
  const tz = ctx.commune!.time_zone;
  return (
    <Layout ctx={ctx} title={ctx.t('administration.audit.title')} area="admin">
      <h1 safe>{ctx.t('administration.audit.title')}</h1>
      <p class="muted" safe>{ctx.t('administration.audit.intro')}</p>
      <div class="table-wrap" tabindex="0">
        <table class="data">
          <thead><tr>
            <th scope="col" safe>{ctx.t('administration.audit.when')}</th>
            <th scope="col" safe>{ctx.t('administration.audit.who')}</th>
            <th scope="col" safe>{ctx.t('administration.audit.what')}</th>
            <th scope="col" safe>{ctx.t('administration.audit.resource')}</th>
            <th scope="col" safe>{ctx.t('administration.audit.ip')}</th>
          </tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td safe>{formatDateTime(row.created_at, ctx.locale, tz)}</td>
                <td safe>{`${row.actor ?? '—'}${row.on_behalf_of ? ` ${ctx.t('administration.audit.on_behalf_of', { name: row.on_behalf_of })}` : ''}`}</td>
                <td><code safe>{row.action}</code></td>
                <td safe>{`${row.resource_type} ${row.resource_id?.slice(0, 8) ?? ''}`}</td>
                <td dir="ltr" safe>{row.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore ? <nav class="pagination" aria-label={ctx.t('administration.audit.pages')}><a href={`${adminBase(ctx)}/audit?before=${nextBefore}`} safe>{ctx.t('administration.audit.older')}</a></nav> : ''}
    </Layout>
  );
}

export interface ParticipantRow { full_name: string; neighbourhood: string | null; registered_by: string | null; created_at: Date }
const consentMethods = { oral: 'administration.participants.consent_oral', written: 'administration.participants.consent_written', thumbprint: 'administration.participants.consent_thumbprint' } as const;

export function ParticipantsPage({ ctx, rows, form }: { ctx: ViewContext; rows: ParticipantRow[]; form: FormState }) {
  const tz = ctx.commune!.time_zone;
  return (
    <Layout ctx={ctx} title={ctx.t('administration.participants.title')} area="admin">
      <h1 safe>{ctx.t('administration.participants.title')}</h1>
      <p class="lead" safe>{ctx.t('administration.participants.intro')}</p>
      <section>
        <h2 safe>{ctx.t('administration.participants.register')}</h2>
        <ErrorSummary ctx={ctx} form={form} labels={{ full_name: ctx.t('administration.participants.full_name'), phone: ctx.t('administration.participants.phone'), consent: ctx.t('administration.participants.consent') }} />
        <form method="post" action={`${adminBase(ctx)}/participants`}>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={form} name="full_name" label={ctx.t('administration.participants.full_name')} required />
          <Field ctx={ctx} form={form} name="neighbourhood" label={ctx.t('administration.participants.neighbourhood')} />
          <Field ctx={ctx} form={form} name="phone" label={ctx.t('administration.participants.phone')} type="tel" dir="ltr" />
          <div class="field">
            <label for="consent_method" safe>{ctx.t('administration.participants.consent_method')}</label>
            <select id="consent_method" name="consent_method">{Object.entries(consentMethods).map(([v, key]) => <option value={v} selected={form.values.consent_method === v} safe>{ctx.t(key)}</option>)}</select>
          </div>
          <div class="field">
            {form.errors.consent ? <p class="field-error" id="consent-error" safe>{ctx.t(form.errors.consent)}</p> : ''}
            <input type="checkbox" id="consent" name="consent" value="on" aria-invalid={form.errors.consent ? 'true' : undefined} />
            <label for="consent" safe>{ctx.t('administration.participants.consent')}</label>
          </div>
          <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('administration.participants.register')}</button></div>
        </form>
      </section>
      <h2 safe>{ctx.t('administration.participants.list')}</h2>
      <div class="table-wrap" tabindex="0">
        <table class="data">
          <thead><tr>
            <th scope="col" safe>{ctx.t('administration.participants.full_name')}</th>
            <th scope="col" safe>{ctx.t('administration.participants.neighbourhood')}</th>
            <th scope="col" safe>{ctx.t('administration.participants.registered_by')}</th>
          </tr></thead>
          <tbody>
            {rows.map((r) => <tr><td safe>{r.full_name}</td><td safe>{r.neighbourhood ?? ''}</td><td safe>{`${r.registered_by ?? ''} · ${formatDateTime(r.created_at, ctx.locale, tz)}`}</td></tr>)}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function LocalizedInputs({ ctx, form, name, label }: { ctx: ViewContext; form: FormState; name: string; label: string }) {
  return (
    <fieldset>
      <legend safe>{label}</legend>
      {locales.map((l) => <Field ctx={ctx} form={form} name={`${name}_${l}`} label={`${label} (${localeNames[l]})`} dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
    </fieldset>
  );
}

export function checkedLocales(commune: Pick<Commune, 'enabled_locales'> | null, form: FormState): Set<string> {
  const fromForm = locales.filter((l) => form.values[`locale_${l}`]);
  return new Set(fromForm.length > 0 || !commune ? fromForm : commune.enabled_locales);
}
