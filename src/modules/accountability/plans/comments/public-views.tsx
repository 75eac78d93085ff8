import type { FormState } from '../../../../platform/http/forms.js';
import { formatDate } from '../../../../platform/i18n/format.js';
import { CsrfField } from '../../../../platform/views/components.js';
import { safeMarkdownHtml } from '../../../../platform/views/markdown.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { PublicComment } from './queries.js';
import type { CommentCounts } from './stats.js';
import type { ResponseOutcome } from './tables.js';

export const outcomeKeys: Record<ResponseOutcome, string> = {
  taken_into_account: 'accountability.comments.outcome_taken_into_account',
  partly: 'accountability.comments.outcome_partly',
  not_retained: 'accountability.comments.outcome_not_retained',
  information: 'accountability.comments.outcome_information',
};

const when = (ctx: ViewContext, date: Date) => formatDate(date, ctx.locale, ctx.commune!.time_zone);
const daysSince = (date: Date, now = Date.now()) => Math.max(0, Math.floor((now - date.getTime()) / 86_400_000));

/** "12 comments, 3 without an answer": the count the commune is held to, shown wherever its comments are. */
export function CommentCountsLine({ ctx, counts, id }: { ctx: ViewContext; counts: CommentCounts; id?: string }) {
  const unanswered = counts.unanswered > 0;
  return (
    <p id={id} class={unanswered ? 'comment-counts' : 'comment-counts muted'}>
      <span safe>{ctx.t('accountability.comments.count', { total: String(counts.total) })}</span>
      {' · '}
      <span class={unanswered ? 'badge badge-warning' : 'badge badge-success'} safe>{ctx.t('accountability.comments.unanswered_count', { count: String(counts.unanswered) })}</span>
    </p>
  );
}

function Response({ ctx, comment }: { ctx: ViewContext; comment: PublicComment }) {
  if (!comment.responded_at || !comment.outcome) {
    return <p class="muted" safe>{ctx.t('accountability.comments.waiting', { days: String(daysSince(comment.created_at)) })}</p>;
  }
  return (
    <div class="commune-response">
      <p><strong safe>{ctx.t('accountability.comments.response_by_commune', { date: when(ctx, comment.responded_at) })}</strong>{' '}<span class="badge" safe>{ctx.t(outcomeKeys[comment.outcome])}</span></p>
      <div class="prose" dir="auto">{safeMarkdownHtml(comment.response ?? '')}</div>
    </div>
  );
}

function OneComment({ ctx, comment }: { ctx: ViewContext; comment: PublicComment }) {
  if (comment.hidden_at) return <li id={`comment-${comment.id}`}><p class="muted" dir="auto" safe>{ctx.t('accountability.comments.hidden', { reason: comment.hidden_reason ?? '' })}</p></li>;
  return (
    <li id={`comment-${comment.id}`}>
      <p class="muted" safe>{`${comment.author_name ?? ctx.t('accountability.comments.resident')} · ${when(ctx, comment.created_at)}`}</p>
      <div class="prose" dir="auto">{safeMarkdownHtml(comment.body)}</div>
      <Response ctx={ctx} comment={comment} />
    </li>
  );
}

function CommentForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  if (!ctx.actor.user) {
    return <p class="notice"><a href={`/sign-in?commune=${ctx.commune!.slug}&return=${encodeURIComponent(ctx.currentUrl)}`} safe>{ctx.t('accountability.comments.sign_in')}</a></p>;
  }
  const error = form.errors.body;
  return (
    <form method="post" action={action} id="comment-form">
      <CsrfField ctx={ctx} />
      <label for="comment-body" safe>{ctx.t('accountability.comments.add')}</label>
      <p class="field-hint" id="comment-body-hint" safe>{ctx.t('accountability.comments.add_hint')}</p>
      {error ? <p class="field-error" id="comment-body-error" role="alert" safe>{ctx.t(error)}</p> : ''}
      <textarea id="comment-body" name="body" rows="4" required maxlength="2000" aria-describedby={error ? 'comment-body-hint comment-body-error' : 'comment-body-hint'} aria-invalid={error ? 'true' : undefined} dir="auto" safe>{form.values.body ?? ''}</textarea>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('accountability.comments.send')}</button>
    </form>
  );
}

export interface CommitmentComments {
  comments: PublicComment[];
  counts: CommentCounts;
  action: string;
  form: FormState;
}

/** Citizens' comments on a commitment, each with the commune's reasoned response or how long it has waited. */
export function CommentsSection({ ctx, section }: { ctx: ViewContext; section: CommitmentComments }) {
  return (
    <section aria-labelledby="comments-title" id="comments">
      <h2 id="comments-title" safe>{ctx.t('accountability.comments.title')}</h2>
      <p class="muted" safe>{ctx.t('accountability.comments.intro')}</p>
      <CommentCountsLine ctx={ctx} counts={section.counts} id="comment-counts" />
      {section.comments.length === 0 ? <p class="muted" safe>{ctx.t('accountability.comments.none')}</p> : (
        <ol class="news-list" id="comment-list">{section.comments.map((comment) => <OneComment ctx={ctx} comment={comment} />)}</ol>
      )}
      <CommentForm ctx={ctx} action={section.action} form={section.form} />
    </section>
  );
}
