import { isProcedureStage, stageKeys } from './procedures/stages.js';
import type { RequestKind } from './db/tables.js';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import { sendPage } from '../../platform/http/render.js';
import { formatDate, isoDate } from '../../platform/i18n/format.js';
import { type LocalizedText, locales, pickLocalized } from '../../platform/i18n/locales.js';
import { Layout } from '../../platform/views/layout.js';
import type { ViewContext } from '../../platform/views/view-context.js';
import type { RequestViewsTables } from './db/inbox-tables.js';
import type { Request } from './db/tables.js';
import { informationStatusKeys, isInformationStatus } from './information/statuses.js';
import { requestsDb } from './queries/requests-db.js';
import { isOverdue } from './views/status.js';

export const myRequestsPath = '/my-requests';

const inboxDb = (db: Kysely<PlatformTables>) => requestsDb(db).withTables<RequestViewsTables>();

/** Remembers that the person who filed a request has just read it: its "new" marker goes away. */
export async function markRequestSeen(db: Kysely<PlatformTables>, userId: string, request: Pick<Request, 'id' | 'commune_id'>, now = new Date()): Promise<void> {
  await inboxDb(db)
    .insertInto('request_views')
    .values({ user_id: userId, request_id: request.id, commune_id: request.commune_id, last_seen_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'request_id']).doUpdateSet({ last_seen_at: now }))
    .execute();
}

/**
 * The requests a person filed with their account, in every commune (the list belongs to the person, like the inbox),
 * newest first. "changed": the commune or the system added to the timeline since the person last opened it
 * (their own messages and internal notes do not count).
 */
export async function myRequests(db: Kysely<PlatformTables>, userId: string) {
  return inboxDb(db)
    .selectFrom('requests')
    .innerJoin('communes', 'communes.id', 'requests.commune_id')
    .leftJoin('request_states', (join) => join.onRef('request_states.commune_id', '=', 'requests.commune_id').onRef('request_states.code', '=', 'requests.status'))
    .leftJoin('request_views', (join) => join.onRef('request_views.request_id', '=', 'requests.id').on('request_views.user_id', '=', userId))
    .select([
      'requests.reference',
      'requests.kind',
      'requests.status',
      'requests.is_open',
      'requests.answered_at',
      'requests.due_on',
      'requests.submitted_on',
      'communes.slug',
      'communes.name as commune_name',
      'communes.time_zone',
      sql<LocalizedText | null>`request_states.name`.as('state_name'),
      sql<boolean>`exists (
        select 1 from request_events e
        where e.request_id = requests.id and e.commune_id = requests.commune_id and e.kind <> 'note' and e.author <> 'citizen'
          and e.created_at > coalesce(request_views.last_seen_at, requests.created_at))`.as('changed'),
    ])
    .where('requests.reporter_user_id', '=', userId)
    .orderBy('requests.created_at', 'desc')
    .orderBy('requests.id')
    .limit(200)
    .execute();
}

type MyRequest = Awaited<ReturnType<typeof myRequests>>[number];

const kindLabelKeys: Record<RequestKind, string> = { complaint: 'requests.mine.kind_complaint', information: 'requests.mine.kind_information', procedure: 'requests.procedure.kind' };

function statusLabel(ctx: ViewContext, row: MyRequest): string {
  if (row.kind === 'procedure') return isProcedureStage(row.status) ? ctx.t(stageKeys[row.status]) : row.status;
  if (row.kind === 'information') return isInformationStatus(row.status) ? ctx.t(informationStatusKeys[row.status]) : row.status;
  return pickLocalized(row.state_name, ctx.locale)?.value ?? row.status;
}

function MyRequestRow({ ctx, row }: { ctx: ViewContext; row: MyRequest }) {
  const overdue = isOverdue(row, isoDate(new Date(), row.time_zone));
  return (
    <tr class={row.changed ? 'changed' : undefined}>
      <td dir="auto" safe>{pickLocalized(row.commune_name, ctx.locale, locales)?.value ?? row.slug}</td>
      <td>
        <a href={`/${row.slug}/requests/${row.reference}`} safe>{row.reference}</a>
        {row.changed ? <span class="badge badge-warning" safe>{` ${ctx.t('requests.mine.changed')}`}</span> : ''}
      </td>
      <td safe>{ctx.t(kindLabelKeys[row.kind])}</td>
      <td>
        <span class={row.is_open ? 'badge badge-warning' : 'badge badge-success'} safe>{statusLabel(ctx, row)}</span>
        {overdue ? <span class="badge badge-danger" safe>{` ${ctx.t('requests.overdue')}`}</span> : ''}
      </td>
      <td>{row.due_on ? <span safe>{formatDate(row.due_on, ctx.locale)}</span> : '—'}</td>
    </tr>
  );
}

function MyRequestsPage({ ctx, rows }: { ctx: ViewContext; rows: MyRequest[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.mine.title')}>
      <h1 safe>{ctx.t('requests.mine.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.mine.intro')}</p>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('requests.mine.empty')}</p> : (
        <table id="my-requests">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.mine.commune')}</th>
              <th scope="col" safe>{ctx.t('requests.follow.reference')}</th>
              <th scope="col" safe>{ctx.t('requests.mine.kind')}</th>
              <th scope="col" safe>{ctx.t('requests.field.status')}</th>
              <th scope="col" safe>{ctx.t('requests.field.due_on')}</th>
            </tr>
          </thead>
          <tbody>{rows.map((row) => <MyRequestRow ctx={ctx} row={row} />)}</tbody>
        </table>
      )}
    </Layout>
  );
}

/** GET /my-requests: the signed-in person's own requests across communes, with a marker on those that moved. */
export async function myRequestsRoutes(app: FastifyInstance): Promise<void> {
  app.get(myRequestsPath, { config: { access: 'signed-in' } }, async (request, reply) => {
    const rows = await myRequests(app.platform.db, request.actor.user!.id);
    return sendPage(request, reply, (ctx) => <MyRequestsPage ctx={ctx} rows={rows} />);
  });
}
