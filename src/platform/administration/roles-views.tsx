import type { CommuneRole } from '../db/platform-tables.js';
import type { FormState } from '../http/forms.js';
import { formatDate } from '../i18n/format.js';
import { roleLabelKeys } from '../permissions/actor.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { grantableRoles } from './admin-support.js';
import { Select } from './form-parts.js';

export interface GrantRow { id: string; name: string | null; maskedIdentifier: string; role: CommuneRole; grantedAt: Date }
export interface InvitationRow { maskedIdentifier: string; role: CommuneRole; createdAt: Date }
export interface RolesData { grants: GrantRow[]; invitations: InvitationRow[] }

const adminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin`;

function GrantsTable({ ctx, grants }: { ctx: ViewContext; grants: GrantRow[] }) {
  const tz = ctx.commune!.time_zone;
  return (
    <div class="table-wrap" tabindex="0">
      <table class="data">
        <caption safe>{ctx.t('administration.roles.active')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('administration.roles.person')}</th>
            <th scope="col" safe>{ctx.t('administration.roles.contact')}</th>
            <th scope="col" safe>{ctx.t('administration.roles.role')}</th>
            <th scope="col" safe>{ctx.t('administration.roles.since')}</th>
            <th scope="col" safe>{ctx.t('administration.roles.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr>
              <td safe>{g.name ?? ctx.t('administration.roles.no_name')}</td>
              <td dir="ltr" safe>{g.maskedIdentifier}</td>
              <td safe>{ctx.t(roleLabelKeys[g.role])}</td>
              <td safe>{formatDate(g.grantedAt, ctx.locale, tz)}</td>
              <td>
                <form method="post" action={`${adminBase(ctx)}/roles/${g.id}/revoke`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="btn-link" aria-label={ctx.t('administration.roles.revoke_named', { role: ctx.t(roleLabelKeys[g.role]), name: g.name ?? g.maskedIdentifier })} safe>
                    {ctx.t('administration.roles.revoke')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PendingInvitations({ ctx, invitations }: { ctx: ViewContext; invitations: InvitationRow[] }) {
  const tz = ctx.commune!.time_zone;
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title" safe>{ctx.t('administration.roles.pending')}</h2>
      {invitations.length === 0 ? <p class="muted" safe>{ctx.t('administration.roles.no_pending')}</p> : (
        <ul>
          {invitations.map((i) => (
            <li>
              <span dir="ltr" safe>{i.maskedIdentifier}</span>
              {' — '}
              <span safe>{`${ctx.t(roleLabelKeys[i.role])} · ${formatDate(i.createdAt, ctx.locale, tz)}`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GrantForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <section aria-labelledby="grant-title">
      <h2 id="grant-title" safe>{ctx.t('administration.roles.grant')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={{ identifier: ctx.t('administration.roles.identifier'), role: ctx.t('administration.roles.role') }} />
      <form method="post" action={`${adminBase(ctx)}/roles`}>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="identifier" label={ctx.t('administration.roles.identifier')} hint={ctx.t('administration.roles.identifier_hint')} required dir="ltr" />
        <Select ctx={ctx} form={form} name="role" label={ctx.t('administration.roles.role')} options={grantableRoles.map((r) => [r, ctx.t(roleLabelKeys[r])])} />
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('administration.roles.grant')}</button>
        </div>
      </form>
    </section>
  );
}

export function RolesPage({ ctx, data, form, problem }: { ctx: ViewContext; data: RolesData; form: FormState; problem?: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.roles.title')} area="admin">
      <h1 safe>{ctx.t('administration.roles.title')}</h1>
      {problem ? <Notice kind="error"><p safe>{ctx.t(problem)}</p></Notice> : ''}
      <GrantsTable ctx={ctx} grants={data.grants} />
      <PendingInvitations ctx={ctx} invitations={data.invitations} />
      <GrantForm ctx={ctx} form={form} />
    </Layout>
  );
}
