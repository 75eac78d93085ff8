import type { FormState } from '../../../platform/http/forms.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { AnswersList } from '../applications/answers.js';
import type { FieldRow } from '../db/tables.js';
import type { ReviewSeat } from './policy.js';
import type { CallProgress, TeamReview } from './queries.js';
import { applicationReviewPath, deskBase, formError, PageNotice, progressText, StatusBadge } from './parts.js';
import { scoreFieldName } from './forms.js';
import { type CriterionRow, type InterviewRow, type Recommendation, recommendations, type ReviewApplicationRow, type ReviewCallRow } from './tables.js';

export interface DeskCall {
  progress: CallProgress;
  applications: ReviewApplicationRow[];
  own: Map<string, 'scored' | 'conflict'>;
}

const ownStateKeys = { scored: 'programme.review.own_scored', conflict: 'programme.review.own_conflict', todo: 'programme.review.own_todo' } as const;

export function DeskPage({ ctx, calls }: { ctx: ViewContext; calls: DeskCall[] }) {
  const title = ctx.t('programme.review.desk_title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      {calls.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.desk_empty')}</p> : ''}
      {calls.map(({ progress, applications, own }) => {
        const mine = applications.filter((a) => own.has(a.id)).length;
        return (
          <section class="desk-call" id={`desk-${progress.call.slug}`}>
            <h2><Localized ctx={ctx} text={progress.call.title} /></h2>
            <p class="own-progress" safe>{ctx.t('programme.review.own_progress', { progress: progressText(ctx, mine, applications.length) })}</p>
            {progress.call.review_closed_at ? <p class="muted" safe>{ctx.t('programme.review.scoring_closed')}</p> : ''}
            <ul>
              {applications.map((a) => (
                <li>
                  <a href={applicationReviewPath(a.id)} safe>{`${a.reference ?? ''} — ${a.applicant_name}`}</a>{' '}
                  <span class="badge" safe>{ctx.t(ownStateKeys[own.get(a.id) ?? 'todo'])}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}

const recommendationKeys: Record<Recommendation, string> = { select: 'programme.review.recommend_select', reserve: 'programme.review.recommend_reserve', reject: 'programme.review.recommend_reject' };

function ScoreRadios({ ctx, criterion, form }: { ctx: ViewContext; criterion: CriterionRow; form: FormState }) {
  const name = scoreFieldName(criterion.id);
  return (
    <fieldset class="score-criterion" id={name} aria-invalid={form.errors[name] ? 'true' : undefined}>
      <legend><Localized ctx={ctx} text={criterion.label} /> <span class="muted" safe>{ctx.t('programme.review.weight_value', { weight: formatNumber(criterion.weight, ctx.locale) })}</span></legend>
      <Localized ctx={ctx} text={criterion.guide} as="p" />
      {formError(ctx, form, name)}
      {[0, 1, 2, 3, 4, 5].map((score) => (
        <label class="score-choice">
          <input type="radio" name={name} value={String(score)} checked={form.values[name] === String(score)} /> <span safe>{formatNumber(score, ctx.locale)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function ScoreForm({ ctx, application, criteria, form }: { ctx: ViewContext; application: ReviewApplicationRow; criteria: CriterionRow[]; form: FormState }) {
  const labels = Object.fromEntries(criteria.map((c) => [scoreFieldName(c.id), c.label[ctx.locale] ?? c.label.fr ?? '']));
  return (
    <form method="post" action={`${applicationReviewPath(application.id)}/scores`} id="score-form">
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={{ ...labels, _form: ctx.t('programme.review.your_scores') }} />
      <p class="muted" safe>{ctx.t('programme.review.scale')}</p>
      {criteria.map((criterion) => <ScoreRadios ctx={ctx} criterion={criterion} form={form} />)}
      <Field ctx={ctx} form={form} name="comment" label={ctx.t('programme.review.comment')} multiline />
      <button type="submit" class="btn btn-primary" safe>{ctx.t('programme.review.save_scores')}</button>
    </form>
  );
}

function ConflictForm({ ctx, application, form }: { ctx: ViewContext; application: ReviewApplicationRow; form: FormState }) {
  return (
    <form method="post" action={`${applicationReviewPath(application.id)}/conflict`} id="conflict-form">
      <CsrfField ctx={ctx} />
      <p class="muted" safe>{ctx.t('programme.review.conflict_explained')}</p>
      <Field ctx={ctx} form={form} name="reason" label={ctx.t('programme.review.conflict_reason')} multiline required />
      <button type="submit" class="btn btn-danger" safe>{ctx.t('programme.review.declare_conflict')}</button>
    </form>
  );
}

/** Every reviewer's scores: the operator's view only (reviewers score without seeing each other's). */
function TeamReviews({ ctx, criteria, reviews }: { ctx: ViewContext; criteria: CriterionRow[]; reviews: TeamReview[] }) {
  return (
    <section id="team-reviews">
      <h2 safe>{ctx.t('programme.review.team_reviews')}</h2>
      {reviews.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.no_reviews')}</p> : ''}
      {reviews.map((review) => (
        <article class="team-review">
          <h3 safe>{review.display_name ?? '—'}</h3>
          {review.conflict_reason !== null ? <p><strong safe>{ctx.t('programme.review.conflict_declared')}</strong>: <span safe>{review.conflict_reason}</span></p> : (
            <ul>
              {criteria.map((c) => <li><Localized ctx={ctx} text={c.label} />: <span safe>{review.scores[c.id] === undefined ? '—' : formatNumber(review.scores[c.id]!, ctx.locale)}</span></li>)}
            </ul>
          )}
          {review.comment ? <p class="answer-text" safe>{review.comment}</p> : ''}
        </article>
      ))}
    </section>
  );
}

function Interviews({ ctx, application, interviews, form, canRecord }: { ctx: ViewContext; application: ReviewApplicationRow; interviews: InterviewRow[]; form: FormState; canRecord: boolean }) {
  return (
    <section id="interviews">
      <h2 safe>{ctx.t('programme.review.interviews')}</h2>
      <p class="muted" safe>{ctx.t('programme.review.interviews_private')}</p>
      {interviews.map((interview) => (
        <article class="interview">
          <h3 safe>{`${formatDate(interview.held_on, ctx.locale)} — ${interview.interviewer}`}</h3>
          <p><strong safe>{ctx.t(recommendationKeys[interview.recommendation])}</strong></p>
          <p class="answer-text" safe>{interview.notes}</p>
        </article>
      ))}
      {canRecord ? (
        <form method="post" action={`${applicationReviewPath(application.id)}/interviews`} id="interview-form">
          <CsrfField ctx={ctx} />
          <h3 safe>{ctx.t('programme.review.record_interview')}</h3>
          <Field ctx={ctx} form={form} name="held_on" label={ctx.t('programme.review.interview_date')} type="date" required />
          <Field ctx={ctx} form={form} name="interviewer" label={ctx.t('programme.review.interviewer')} required />
          <Field ctx={ctx} form={form} name="notes" label={ctx.t('programme.review.interview_notes')} multiline required />
          <fieldset id="recommendation">
            <legend safe>{ctx.t('programme.review.recommendation')}</legend>
            {formError(ctx, form, 'recommendation')}
            {recommendations.map((r) => <label><input type="radio" name="recommendation" value={r} checked={form.values.recommendation === r} /> <span safe>{ctx.t(recommendationKeys[r])}</span></label>)}
          </fieldset>
          <button type="submit" class="btn btn-primary" safe>{ctx.t('programme.review.save')}</button>
        </form>
      ) : ''}
    </section>
  );
}

export interface ApplicationReviewProps {
  call: ReviewCallRow;
  application: ReviewApplicationRow;
  seat: ReviewSeat;
  fields: FieldRow[];
  criteria: CriterionRow[];
  /** The reviewer's own review (scores and comment), when saved. */
  ownSavedAt: Date | null;
  scoreForm: FormState;
  conflictForm: FormState;
  interviewForm: FormState;
  teamReviews: TeamReview[] | null;
  interviews: InterviewRow[];
  canScore: boolean;
  canDeclare: boolean;
  canInterview: boolean;
  notice?: string;
}

function ReviewForms({ ctx, props }: { ctx: ViewContext; props: ApplicationReviewProps }) {
  const { application, seat, criteria, scoreForm, conflictForm, ownSavedAt } = props;
  if (seat.conflict) return <Notice><span id="conflict-notice" safe>{ctx.t('programme.review.conflict_you_declared')}</span></Notice>;
  if (!seat.assigned) return '';
  return (
    <section id="your-review">
      <h2 safe>{ctx.t('programme.review.your_scores')}</h2>
      {ownSavedAt ? <p id="saved-at" safe>{ctx.t('programme.review.saved_at', { when: formatDateTime(ownSavedAt, ctx.locale) })}</p> : ''}
      {seat.closed ? <p safe>{ctx.t('programme.review.scoring_closed')}</p> : ''}
      {props.canScore ? criteria.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.no_criteria')}</p> : <ScoreForm ctx={ctx} application={application} criteria={criteria} form={scoreForm} /> : ''}
      {props.canDeclare ? (
        <details open={Object.keys(conflictForm.errors).length > 0}>
          <summary safe>{ctx.t('programme.review.declare_conflict')}</summary>
          <ConflictForm ctx={ctx} application={application} form={conflictForm} />
        </details>
      ) : ''}
    </section>
  );
}

export function ApplicationReviewPage({ ctx, props }: { ctx: ViewContext; props: ApplicationReviewProps }) {
  const { call, application, seat, fields, criteria } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('programme.review.application_title', { reference: application.reference ?? '' })}>
      <p><a href={deskBase} safe>{ctx.t('programme.review.desk_title')}</a></p>
      <h1 safe>{`${application.reference ?? ''} — ${application.applicant_name}`}</h1>
      <p><Localized ctx={ctx} text={call.title} /> · <StatusBadge ctx={ctx} status={application.status} /></p>
      <PageNotice notice={props.notice} />
      {seat.conflict ? '' : (
        <section id="answers">
          <h2 safe>{ctx.t('programme.review.answers')}</h2>
          <AnswersList ctx={ctx} fields={fields} answers={application.answers} />
        </section>
      )}
      <ReviewForms ctx={ctx} props={props} />
      {props.teamReviews ? <TeamReviews ctx={ctx} criteria={criteria} reviews={props.teamReviews} /> : ''}
      {seat.shortlisted || props.interviews.length > 0 ? <Interviews ctx={ctx} application={application} interviews={props.interviews} form={props.interviewForm} canRecord={props.canInterview} /> : ''}
    </Layout>
  );
}

export function MessagesPage({ ctx, messages }: { ctx: ViewContext; messages: { body: string; created_at: Date; read_at: Date | null }[] }) {
  const title = ctx.t('programme.review.messages_title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      {messages.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.messages_empty')}</p> : ''}
      <ul id="programme-messages" class="news-list">
        {messages.map((m) => (
          <li>
            {m.read_at ? '' : <span class="badge badge-warning" safe>{ctx.t('programme.review.message_new')}</span>}{' '}
            <p class="answer-text" dir="auto" safe>{m.body}</p>
            <p class="muted" safe>{formatDateTime(m.created_at, ctx.locale)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
