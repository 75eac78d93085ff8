import type { FormState } from '../../../../platform/http/forms.js';
import { formatDate } from '../../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import { safeMarkdownHtml } from '../../../../platform/views/markdown.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import { outcomeKeys } from './public-views.js';
import type { QueuedComment } from './queries.js';
import { responseOutcomes } from './tables.js';

export const commentsAdminPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/plans/comments`;
const when = (ctx: ViewContext, date: Date) => formatDate(date, ctx.locale, ctx.commune!.time_zone);

function About({ ctx, comment }: { ctx: ViewContext; comment: QueuedComment }) {
  return (
    <p class="muted">
      <a href={`/${ctx.commune!.slug}/plans/${comment.plan_id}/commitments/${comment.commitment_id}`}><span safe>{`${comment.commitment_number}. `}</span><Localized ctx={ctx} text={comment.commitment_title} /></a>
      <span safe>{` · ${comment.author_name ?? ctx.t('accountability.comments.resident')} · ${when(ctx, comment.created_at)}`}</span>
    </p>
  );
}

export function CommentQueuePage({ ctx, comments, show }: { ctx: ViewContext; comments: QueuedComment[]; show: 'unanswered' | 'all' }) {
  const title = ctx.t('accountability.comments.queue_title');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('accountability.comments.queue_intro')}</p>
      <nav aria-label={ctx.t('accountability.comments.queue_filter')}>
        <a href={`${commentsAdminPath(ctx)}`} aria-current={show === 'unanswered' ? 'page' : undefined} safe>{ctx.t('accountability.comments.filter_unanswered')}</a>
        {' · '}
        <a href={`${commentsAdminPath(ctx)}?show=all`} aria-current={show === 'all' ? 'page' : undefined} safe>{ctx.t('accountability.comments.filter_all')}</a>
      </nav>
      {comments.length === 0 ? <p class="muted" safe>{ctx.t('accountability.comments.queue_empty')}</p> : (
        <ol class="news-list" id="comment-queue">
          {comments.map((comment) => (
            <li>
              <About ctx={ctx} comment={comment} />
              <div class="prose" dir="auto">{safeMarkdownHtml(comment.body)}</div>
              <p>
                {comment.outcome ? <span class="badge badge-success" safe>{ctx.t(outcomeKeys[comment.outcome])}</span> : <span class="badge badge-warning" safe>{ctx.t('accountability.comments.not_answered')}</span>}
                {' '}<a href={`${commentsAdminPath(ctx)}/${comment.id}`} safe>{ctx.t(comment.outcome ? 'accountability.comments.change_response' : 'accountability.comments.answer')}</a>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

function OutcomeChoice({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const error = form.errors.outcome;
  return (
    <fieldset id="outcome" aria-invalid={error ? 'true' : undefined}>
      <legend safe>{ctx.t('accountability.comments.outcome')}</legend>
      {error ? <p class="field-error" safe>{ctx.t(error)}</p> : ''}
      {responseOutcomes.map((outcome) => (
        <label class="choice"><input type="radio" name="outcome" value={outcome} checked={form.values.outcome === outcome} /> <span safe>{ctx.t(outcomeKeys[outcome])}</span></label>
      ))}
    </fieldset>
  );
}

function ResponseForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={{ outcome: ctx.t('accountability.comments.outcome'), response: ctx.t('accountability.comments.response') }} />
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <OutcomeChoice ctx={ctx} form={form} />
        <Field ctx={ctx} form={form} name="response" label={ctx.t('accountability.comments.response')} hint={ctx.t('accountability.comments.response_hint')} multiline required dir="auto" />
        <button type="submit" safe>{ctx.t('accountability.comments.publish_response')}</button>
      </form>
    </>
  );
}

/** One comment with the response form and, apart, the form to hide it when it breaks the rules. */
export function AnswerCommentPage({ ctx, comment, form, hideForm, canAnswer }: { ctx: ViewContext; comment: QueuedComment; form: FormState; hideForm: FormState; canAnswer: boolean }) {
  const title = ctx.t('accountability.comments.answer_title');
  const action = `${commentsAdminPath(ctx)}/${comment.id}`;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={commentsAdminPath(ctx)} safe>{ctx.t('accountability.comments.back_to_queue')}</a></p>
      <h1 safe>{title}</h1>
      <About ctx={ctx} comment={comment} />
      <blockquote class="prose" dir="auto">{safeMarkdownHtml(comment.body)}</blockquote>
      {canAnswer ? <ResponseForm ctx={ctx} action={action} form={form} /> : <p class="muted" safe>{ctx.t('accountability.comments.staff_answer')}</p>}
      <details open={Object.keys(hideForm.errors).length > 0}>
        <summary safe>{ctx.t('accountability.comments.hide')}</summary>
        <form method="post" action={`${action}/hide`}>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={hideForm} name="reason" label={ctx.t('accountability.comments.hide_reason')} required />
          <button type="submit" class="secondary" safe>{ctx.t('accountability.comments.hide_confirm')}</button>
        </form>
      </details>
    </Layout>
  );
}
