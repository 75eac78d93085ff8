import type { FastifyInstance } from 'fastify';
import { redirectWithFlash, sendPage } from '../../platform/http/render.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../platform/i18n/locales.js';
import { CsrfField } from '../../platform/views/components.js';
import { Layout } from '../../platform/views/layout.js';
import type { ViewContext } from '../../platform/views/view-context.js';
import { answerKeys } from './views/labels.js';
import { participationDb } from './queries/participation-queries.js';
import { notificationLine, notificationRows, type NotificationRow } from './notifications/rows.js';

/** The second line: the answer, or the appeal's decision and its reason. */
function detailOf(ctx: ViewContext, row: NotificationRow): string {
  if (row.kind === 'appeal_decided' && row.decision) return `${ctx.t(row.decision === 'restored' ? 'participation.mod.appeal_restored' : 'participation.mod.appeal_upheld')} — ${row.decision_reason ?? ''}`;
  return row.kind === 'proposal_answered' && row.answer ? ctx.t(answerKeys[row.answer]) : '';
}

function InboxPage({ ctx, rows }: { ctx: ViewContext; rows: NotificationRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.inbox.title')}>
      <h1 safe>{ctx.t('participation.inbox.title')}</h1>
      <p><a href="/account/notifications" safe>{ctx.t('participation.notifications.choices_link')}</a></p>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('participation.inbox.empty')}</p> : ''}
      <ul class="news-list">
        {rows.map((row) => (
          <li>
            {row.read_at ? '' : <span class="badge badge-warning" safe>{ctx.t('participation.inbox.new')}</span>}{' '}
            <a href={notificationLine(row, ctx.t, ctx.locale).href} dir="auto" safe>{notificationLine(row, ctx.t, ctx.locale).text}</a>
            <p class="muted" dir="auto" safe>{`${detailOf(ctx, row)} · ${pickLocalized(row.commune_name, ctx.locale, locales)?.value ?? row.slug} · ${formatDateTime(row.created_at, ctx.locale)}`}</p>
          </li>
        ))}
      </ul>
      {rows.some((row) => !row.read_at) ? (
        <form method="post" action="/inbox/read">
          <CsrfField ctx={ctx} />
          <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.inbox.mark_read')}</button>
        </form>
      ) : ''}
    </Layout>
  );
}

/** A person's inbox across the communes where they took part (it belongs to the person, not a commune). */
export async function inboxRoutes(app: FastifyInstance): Promise<void> {
  const db = participationDb(app.platform.db);
  const signedIn = { config: { access: 'signed-in' as const, policy: 'own-account' as const } };

  app.get('/inbox', signedIn, async (request, reply) => {
    const rows = await notificationRows(app.platform.db)
      .where('n.user_id', '=', request.actor.user!.id)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(100)
      .execute();
    return sendPage(request, reply, (ctx) => <InboxPage ctx={ctx} rows={rows} />);
  });

  app.post('/inbox/read', signedIn, async (request, reply) => {
    await db.updateTable('participation_notifications').set({ read_at: new Date() }).where('user_id', '=', request.actor.user!.id).where('read_at', 'is', null).execute();
    return redirectWithFlash(reply, '/inbox', 'participation.inbox.all_read');
  });
}
