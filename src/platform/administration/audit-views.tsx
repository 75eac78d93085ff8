import { formatDateTime } from '../i18n/format.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';

export interface AuditRow {
  id: string;
  created_at: Date;
  actor: string | null;
  on_behalf_of: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  ip: string | null;
}

export interface AuditPageData { rows: AuditRow[]; nextBefore: string | null; before: string | null; prefixes: string[]; prefix: string }

const auditUrl = (ctx: ViewContext, params: Record<string, string | null>) => {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => !!entry[1])).toString();
  return `/${ctx.commune!.slug}/admin/audit${query ? `?${query}` : ''}`;
};

function Filter({ ctx, data }: { ctx: ViewContext; data: AuditPageData }) {
  return (
    <form method="get" action={auditUrl(ctx, {})} class="filters">
      <div class="field">
        <label for="action" safe>{ctx.t('administration.audit.filter')}</label>
        <select id="action" name="action">
          <option value="" safe>{ctx.t('administration.audit.all_actions')}</option>
          {data.prefixes.map((p) => <option value={p} selected={p === data.prefix} safe>{`${p}.*`}</option>)}
        </select>
      </div>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('administration.audit.apply')}</button>
    </form>
  );
}

function Row({ ctx, row }: { ctx: ViewContext; row: AuditRow }) {
  const who = row.actor ?? ctx.t('administration.audit.system');
  return (
    <tr>
      <td safe>{formatDateTime(row.created_at, ctx.locale, ctx.commune!.time_zone)}</td>
      <td>
        <span safe>{who}</span>
        {row.on_behalf_of ? <> <span class="badge" safe>{ctx.t('administration.audit.on_behalf_of', { name: row.on_behalf_of })}</span></> : ''}
      </td>
      <td><code safe>{row.action}</code></td>
      <td>
        <span safe>{row.resource_type}</span> <code class="muted" dir="ltr" safe>{row.resource_id ?? ''}</code>
      </td>
      <td dir="ltr" safe>{row.ip ?? ''}</td>
    </tr>
  );
}

function Pagination({ ctx, data }: { ctx: ViewContext; data: AuditPageData }) {
  const prefix = data.prefix || null;
  return (
    <nav class="pagination" aria-label={ctx.t('administration.audit.pages')}>
      <a href={auditUrl(ctx, { action: prefix })} aria-current={data.before ? undefined : 'page'} safe>{ctx.t('administration.audit.newest')}</a>
      {data.nextBefore ? <> <a href={auditUrl(ctx, { action: prefix, before: data.nextBefore })} rel="next" safe>{ctx.t('administration.audit.older')}</a></> : ''}
    </nav>
  );
}

export function AuditPage({ ctx, data }: { ctx: ViewContext; data: AuditPageData }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.audit.title')} area="admin">
      <h1 safe>{ctx.t('administration.audit.title')}</h1>
      <p class="muted" safe>{ctx.t('administration.audit.intro')}</p>
      <Filter ctx={ctx} data={data} />
      {data.rows.length === 0 ? <p class="notice" safe>{ctx.t('administration.audit.none')}</p> : (
        <div class="table-wrap" tabindex="0">
          <table class="data">
            <caption class="visually-hidden" safe>{ctx.t('administration.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>{ctx.t('administration.audit.when')}</th>
                <th scope="col" safe>{ctx.t('administration.audit.who')}</th>
                <th scope="col" safe>{ctx.t('administration.audit.what')}</th>
                <th scope="col" safe>{ctx.t('administration.audit.resource')}</th>
                <th scope="col" safe>{ctx.t('administration.audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => <Row ctx={ctx} row={row} />)}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} data={data} />
    </Layout>
  );
}
