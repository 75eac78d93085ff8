import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { ApiKey } from './tables.js';

export const apiKeysPath = (slug: string) => `/${slug}/admin/requests/api-keys`;

export interface ApiKeysPageProps {
  keys: ApiKey[];
  form: FormState;
  /** The key just created, shown on this one page and never again. */
  newKey: string | null;
  endpoint: string;
}

function KeyRow({ ctx, apiKey }: { ctx: ViewContext; apiKey: ApiKey }) {
  const zone = ctx.commune!.time_zone;
  const when = (date: Date | null) => (date ? formatDateTime(date, ctx.locale, zone) : ctx.t('requests.open311.keys.never'));
  return (
    <tr>
      <td safe>{apiKey.name}</td>
      <td><code dir="ltr" safe>{`${apiKey.key_prefix}…`}</code></td>
      <td safe>{when(apiKey.created_at)}</td>
      <td safe>{when(apiKey.last_used_at)}</td>
      <td>
        {apiKey.revoked_at ? (
          <span class="badge badge-muted" safe>{ctx.t('requests.open311.keys.revoked', { date: formatDateTime(apiKey.revoked_at, ctx.locale, zone) })}</span>
        ) : (
          <form method="post" action={`${apiKeysPath(ctx.commune!.slug)}/${apiKey.id}/revoke`}>
            <CsrfField ctx={ctx} />
            <span class="badge" safe>{ctx.t('requests.open311.keys.active')}</span>{' '}
            <button type="submit" class="btn btn-secondary" safe>{ctx.t('requests.open311.keys.revoke')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}

/** The commune administrators' page: the API address, the keys issued (never the keys themselves), a form for a new one. */
export function ApiKeysPage({ ctx, props }: { ctx: ViewContext; props: ApiKeysPageProps }) {
  const title = ctx.t('requests.open311.keys.title');
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('requests.open311.keys.intro')}</p>
      <p dir="auto" safe>{ctx.t('requests.open311.keys.endpoint', { url: props.endpoint })}</p>
      {props.newKey ? (
        <Notice kind="success">
          <p safe>{ctx.t('requests.open311.keys.created')}</p>
          <p>
            <label for="new-key" safe>{ctx.t('requests.open311.keys.key')}</label>{' '}
            <input id="new-key" type="text" readonly value={props.newKey} size="60" dir="ltr" />
          </p>
        </Notice>
      ) : (
        ''
      )}
      <form method="post" action={apiKeysPath(ctx.commune!.slug)} novalidate>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={props.form} labels={{ name: ctx.t('requests.open311.keys.name') }} />
        <Field ctx={ctx} form={props.form} name="name" label={ctx.t('requests.open311.keys.name')} hint={ctx.t('requests.open311.keys.name_hint')} required />
        <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('requests.open311.keys.create')}</button></div>
      </form>
      <h2 safe>{ctx.t('requests.open311.keys.list')}</h2>
      {props.keys.length === 0 ? (
        <p class="muted" safe>{ctx.t('requests.open311.keys.none')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.open311.keys.name')}</th>
              <th scope="col" safe>{ctx.t('requests.open311.keys.starts_with')}</th>
              <th scope="col" safe>{ctx.t('requests.open311.keys.created_on')}</th>
              <th scope="col" safe>{ctx.t('requests.open311.keys.last_used')}</th>
              <th scope="col" safe>{ctx.t('requests.open311.keys.status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((apiKey) => <KeyRow ctx={ctx} apiKey={apiKey} />)}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
