import type { FastifyInstance } from 'fastify';
import { redirectWithFlash, sendPage } from '../../platform/http/render.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../platform/i18n/locales.js';
import { CsrfField } from '../../platform/views/components.js';
import { Layout } from '../../platform/views/layout.js';
import type { ViewContext } from '../../platform/views/view-context.js';
import { answerKeys } from './views/labels.js';
import { participationDb } from './queries/participation-queries.js';
import type { Answer } from './db/tables.js';
import type { AppealDecision } from './db/moderation-tables.js';

interface InboxRow {
  id: string;
  /** Title of the proposal kept, for a merge. */
  kept_title: string | null;
  created_at: Date;
  read_at: Date | null;
  proposal_id: string;
  title: string;
  answer: Answer | null;
  slug: string;
  commune_name: Partial<Record<string, string>>;
  kind: 'proposal_answered' | 'comment_reply' | 'proposal_merged' | 'appeal_decided';
  decision: AppealDecision | null;
  decision_reason: string | null;
}

const kindKeys = { proposal_answered: 'participation.inbox.answered', comment_reply: 'participation.mod.inbox_reply', proposal_merged: 'participation.inbox.merged', appeal_decided: 'participation.mod.inbox_appeal' } as const;

/** The second line: the answer, or the appeal's decision and its reason. */
function detailOf(ctx: ViewContext, row: InboxRow): string {
  if (row.kind === 'appeal_decided') return `${ctx.t(row.decision === 'restored' ? 'participation.mod.appeal_restored' : 'participation.mod.appeal_upheld')} — ${row.decision_reason ?? ''}`;
  return row.answer && row.kind === 'proposal_answered' ? ctx.t(answerKeys[row.answer]) : '';
}

function InboxPage({ ctx, rows }: { ctx: ViewContext; rows: InboxRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.inbox.title')}>
      <h1 safe>{ctx.t('participation.inbox.title')}</h1>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('participation.inbox.empty')}</p> : ''}
      <ul class="news-list">
        {rows.map((row) => (
          <li>
            {row.read_at ? '' : <span class="badge badge-warning" safe>{ctx.t('participation.inbox.new')}</span>}{' '}
            <a href={`/${row.slug}/proposals/${row.proposal_id}`} dir="auto" safe>{ctx.t(kindKeys[row.kind], { title: row.title, kept: row.kept_title ?? '' })}</a>
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
  const signedIn = { config: { access: 'signed-in' as const } };

  app.get('/inbox', signedIn, async (request, reply) => {
    const rows = await db
      .selectFrom('participation_notifications as n')
      .innerJoin('proposals', 'proposals.id', 'n.proposal_id')
      .innerJoin('communes', 'communes.id', 'n.commune_id')
      .leftJoin('proposals as kept', 'kept.id', 'proposals.merged_into_id')
      .leftJoin('moderation_appeals as appeal', 'appeal.id', 'n.appeal_id')
      .select(['n.id', 'n.kind', 'n.created_at', 'n.read_at', 'n.proposal_id', 'proposals.title', 'kept.title as kept_title', 'proposals.answer', 'communes.slug', 'communes.name as commune_name', 'appeal.decision', 'appeal.decision_reason'])
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
