import { safeMarkdownHtml } from '../../../platform/views/markdown.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { CsrfField } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';

export interface CommentRow {
  id: string;
  parent_id: string | null;
  body: string;
  author_name: string | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
}

function CommentBody({ ctx, comment }: { ctx: ViewContext; comment: CommentRow }) {
  if (comment.hidden_at) return <p class="muted" dir="auto" safe>{ctx.t('participation.comment.hidden', { reason: comment.hidden_reason ?? '' })}</p>;
  return (
    <>
      <p class="muted" safe>{`${comment.author_name ?? '—'} · ${formatDate(comment.created_at, ctx.locale, ctx.commune!.time_zone)}`}</p>
      <div class="prose" dir="auto">{safeMarkdownHtml(comment.body)}</div>
    </>
  );
}

function ReportForm({ ctx, comment }: { ctx: ViewContext; comment: CommentRow }) {
  if (!ctx.actor.user || comment.hidden_at) return <></>;
  return (
    <details>
      <summary safe>{ctx.t('participation.comment.report')}</summary>
      <form method="post" action={`/${ctx.commune!.slug}/comments/${comment.id}/report`}>
        <CsrfField ctx={ctx} />
        <label for={`reason-${comment.id}`} safe>{ctx.t('participation.comment.report_reason')}</label>
        <input id={`reason-${comment.id}`} name="reason" required maxlength="500" />
        <button type="submit" class="btn-link" safe>{ctx.t('participation.comment.report_send')}</button>
      </form>
    </details>
  );
}

function CommentForm({ ctx, proposalId, parentId }: { ctx: ViewContext; proposalId: string; parentId?: string }) {
  const id = parentId ? `reply-${parentId}` : 'comment-body';
  return (
    <form method="post" action={`/${ctx.commune!.slug}/proposals/${proposalId}/comments`}>
      <CsrfField ctx={ctx} />
      {parentId ? <input type="hidden" name="parent_id" value={parentId} /> : ''}
      <label for={id} safe>{ctx.t(parentId ? 'participation.comment.reply' : 'participation.comment.add')}</label>
      <textarea id={id} name="body" rows="3" required maxlength="2000"></textarea>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('participation.comment.send')}</button>
    </form>
  );
}

export function CommentsSection({ ctx, proposalId, comments, open }: { ctx: ViewContext; proposalId: string; comments: CommentRow[]; open: boolean }) {
  const topLevel = comments.filter((c) => !c.parent_id);
  const canWrite = open && !!ctx.actor.user;
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title" safe>{ctx.t('participation.comment.title')}</h2>
      {topLevel.length === 0 ? <p class="muted" safe>{ctx.t('participation.comment.none')}</p> : ''}
      <ul class="news-list">
        {topLevel.map((comment) => (
          <li id={`comment-${comment.id}`}>
            <CommentBody ctx={ctx} comment={comment} />
            <ReportForm ctx={ctx} comment={comment} />
            <ul>
              {comments.filter((reply) => reply.parent_id === comment.id).map((reply) => (
                <li id={`comment-${reply.id}`}>
                  <CommentBody ctx={ctx} comment={reply} />
                  <ReportForm ctx={ctx} comment={reply} />
                </li>
              ))}
            </ul>
            {canWrite && !comment.hidden_at ? <CommentForm ctx={ctx} proposalId={proposalId} parentId={comment.id} /> : ''}
          </li>
        ))}
      </ul>
      {canWrite ? <CommentForm ctx={ctx} proposalId={proposalId} /> : ''}
    </section>
  );
}
