import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { callState } from '../calls/state.js';
import type { CallProgress, RankingRow, TeamMember, TeamReview } from './queries.js';
import { applicationReviewPath, ButtonForm, operatorBase, PageNotice, progressText, StatusBadge } from './parts.js';
import type { CriterionRow, ReviewApplicationRow, ReviewCallRow } from './tables.js';

const callPath = (call: ReviewCallRow) => `${operatorBase}/${call.slug}`;
const stateKeys = { draft: 'programme.call.state_draft', upcoming: 'programme.call.state_upcoming', open: 'programme.call.state_open', closed: 'programme.call.state_closed' } as const;

function CallLinks({ ctx, call }: { ctx: ViewContext; call: ReviewCallRow }) {
  return (
    <p class="actions">
      <a href={callPath(call)} safe>{ctx.t('programme.review.reviewers')}</a>{' · '}
      <a href={`${callPath(call)}/criteria`} safe>{ctx.t('programme.review.criteria')}</a>{' · '}
      <a href={`${callPath(call)}/ranking`} safe>{ctx.t('programme.review.ranking')}</a>
    </p>
  );
}

export function OverviewPage({ ctx, calls }: { ctx: ViewContext; calls: CallProgress[] }) {
  const title = ctx.t('programme.review.overview_title');
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1 safe>{title}</h1>
      <table id="review-overview">
        <thead><tr><th safe>{ctx.t('programme.review.call')}</th><th safe>{ctx.t('programme.review.state')}</th><th safe>{ctx.t('programme.review.applications')}</th><th safe>{ctx.t('programme.review.reviewers')}</th><th safe>{ctx.t('programme.review.scores_done')}</th></tr></thead>
        <tbody>
          {calls.map(({ call, applications, reviewers, done, expected }) => (
            <tr>
              <td><a href={callPath(call)}><Localized ctx={ctx} text={call.title} /></a></td>
              <td safe>{ctx.t(stateKeys[callState(call, new Date())])}</td>
              <td safe>{formatNumber(applications, ctx.locale)}</td>
              <td safe>{formatNumber(reviewers, ctx.locale)}</td>
              <td safe>{progressText(ctx, done, expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export interface CallReviewProps {
  call: ReviewCallRow;
  progress: CallProgress | undefined;
  assigned: { user_id: string; display_name: string | null }[];
  team: TeamMember[];
  conflicts: { application: ReviewApplicationRow; reviews: TeamReview[] }[];
  form: FormState;
}

export function CallReviewPage({ ctx, props }: { ctx: ViewContext; props: CallReviewProps }) {
  const { call, assigned, team, conflicts, form, progress } = props;
  const assignable = team.filter((m) => !assigned.some((a) => a.user_id === m.user_id));
  const closed = call.review_closed_at !== null;
  return (
    <Layout ctx={ctx} title={ctx.t('programme.review.call_title')} area="admin">
      <p><a href={operatorBase} safe>{ctx.t('programme.review.overview_title')}</a></p>
      <h1><Localized ctx={ctx} text={call.title} /></h1>
      <CallLinks ctx={ctx} call={call} />
      <p id="call-progress" safe>{ctx.t('programme.review.call_progress', { progress: progressText(ctx, progress?.done ?? 0, progress?.expected ?? 0) })}</p>
      <section id="scoring-state">
        <p safe>{ctx.t(closed ? 'programme.review.scoring_closed' : 'programme.review.scoring_open')}</p>
        <ButtonForm ctx={ctx} action={`${callPath(call)}/scoring`} fields={{ open: closed ? '1' : '0' }} label={ctx.t(closed ? 'programme.review.reopen_scoring' : 'programme.review.close_scoring')} />
      </section>
      <h2 safe>{ctx.t('programme.review.reviewers')}</h2>
      {assigned.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.no_reviewers')}</p> : ''}
      <ul id="assigned-reviewers">
        {assigned.map((r) => (
          <li><span safe>{r.display_name ?? '—'}</span> <ButtonForm ctx={ctx} action={`${callPath(call)}/reviewers/remove`} fields={{ user_id: r.user_id }} label={ctx.t('programme.review.unassign')} /></li>
        ))}
      </ul>
      {assignable.length > 0 ? (
        <form method="post" action={`${callPath(call)}/reviewers`} id="assign-form">
          <CsrfField ctx={ctx} />
          <SelectField ctx={ctx} form={form} name="user_id" label={ctx.t('programme.review.assign_label')} options={assignable.map((m) => [m.user_id, m.display_name ?? m.user_id])} />
          <button type="submit" class="btn btn-primary" safe>{ctx.t('programme.review.assign')}</button>
        </form>
      ) : ''}
      <h2 safe>{ctx.t('programme.review.conflicts')}</h2>
      {conflicts.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.no_conflicts')}</p> : ''}
      <ul id="conflicts">
        {conflicts.flatMap(({ application, reviews }) =>
          reviews.map((review) => (
            <li><a href={applicationReviewPath(application.id)} safe>{`${application.reference ?? ''} ${application.applicant_name}`}</a> — <strong safe>{review.display_name ?? '—'}</strong>: <span safe>{review.conflict_reason ?? ''}</span></li>
          )),
        )}
      </ul>
    </Layout>
  );
}

const localesInOrder = ['fr', 'en', 'pt', 'ar'] as const;
const criterionLabels = (ctx: ViewContext): Record<string, string> => ({
  ...Object.fromEntries(localesInOrder.map((l) => [`label_${l}`, ctx.t('programme.review.criterion_label', { language: localeNames[l] })])),
  ...Object.fromEntries(localesInOrder.map((l) => [`guide_${l}`, ctx.t('programme.review.criterion_guide', { language: localeNames[l] })])),
  weight: ctx.t('programme.review.weight'),
});

export function CriterionForm({ ctx, form, action, submit }: { ctx: ViewContext; form: FormState; action: string; submit: string }) {
  const labels = criterionLabels(ctx);
  return (
    <form method="post" action={action} id="criterion-form">
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      {localesInOrder.map((l) => <Field ctx={ctx} form={form} name={`label_${l}`} label={labels[`label_${l}`]!} required={l === 'fr'} dir={l === 'ar' ? 'rtl' : 'auto'} />)}
      <Field ctx={ctx} form={form} name="weight" label={labels.weight!} type="number" inputmode="numeric" required hint={ctx.t('programme.review.weight_hint')} />
      {localesInOrder.map((l) => <Field ctx={ctx} form={form} name={`guide_${l}`} label={labels[`guide_${l}`]!} multiline dir={l === 'ar' ? 'rtl' : 'auto'} />)}
      <button type="submit" class="btn btn-primary" safe>{submit}</button>
    </form>
  );
}

export interface CriteriaProps {
  call: ReviewCallRow;
  criteria: CriterionRow[];
  frozen: boolean;
  form: FormState;
  notice?: string;
}

export function CriteriaPage({ ctx, props }: { ctx: ViewContext; props: CriteriaProps }) {
  const { call, criteria, frozen, form, notice } = props;
  const base = `${callPath(call)}/criteria`;
  return (
    <Layout ctx={ctx} title={ctx.t('programme.review.criteria')} area="admin">
      <p><a href={operatorBase} safe>{ctx.t('programme.review.overview_title')}</a></p>
      <h1><span safe>{ctx.t('programme.review.criteria')}</span> — <Localized ctx={ctx} text={call.title} /></h1>
      <CallLinks ctx={ctx} call={call} />
      <PageNotice notice={notice} />
      {frozen ? <Notice><span id="criteria-frozen" safe>{ctx.t('programme.review.criteria_frozen')}</span></Notice> : ''}
      {criteria.length === 0 ? <p class="muted" safe>{ctx.t('programme.review.no_criteria')}</p> : ''}
      <ol id="criteria">
        {criteria.map((criterion, index) => (
          <li>
            <strong><Localized ctx={ctx} text={criterion.label} /></strong>{' '}
            <span class="muted" safe>{ctx.t('programme.review.weight_value', { weight: formatNumber(criterion.weight, ctx.locale) })}</span>
            <Localized ctx={ctx} text={criterion.guide} as="p" />
            {frozen ? '' : (
              <p class="actions">
                <a href={`${base}/${criterion.id}`} safe>{ctx.t('programme.review.edit')}</a>{' '}
                {index > 0 ? <ButtonForm ctx={ctx} action={`${base}/${criterion.id}/move`} fields={{ direction: 'up' }} label={ctx.t('programme.review.move_up')} /> : ''}
                {index < criteria.length - 1 ? <ButtonForm ctx={ctx} action={`${base}/${criterion.id}/move`} fields={{ direction: 'down' }} label={ctx.t('programme.review.move_down')} /> : ''}
                <ButtonForm ctx={ctx} action={`${base}/${criterion.id}/delete`} label={ctx.t('programme.review.remove')} kind="danger" />
              </p>
            )}
          </li>
        ))}
      </ol>
      {/* Frozen, the form still shows what was just typed (refused), so nothing is lost. */}
      {frozen && Object.keys(form.values).length === 0 ? '' : (
        <>
          <h2 safe>{ctx.t('programme.review.add_criterion')}</h2>
          <CriterionForm ctx={ctx} form={form} action={base} submit={ctx.t('programme.review.add_criterion')} />
        </>
      )}
    </Layout>
  );
}

export function CriterionEditPage({ ctx, call, criterion, form }: { ctx: ViewContext; call: ReviewCallRow; criterion: CriterionRow; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.review.edit_criterion')} area="admin">
      <p><a href={`${callPath(call)}/criteria`} safe>{ctx.t('programme.review.criteria')}</a></p>
      <h1 safe>{ctx.t('programme.review.edit_criterion')}</h1>
      <CriterionForm ctx={ctx} form={form} action={`${callPath(call)}/criteria/${criterion.id}`} submit={ctx.t('programme.review.save')} />
    </Layout>
  );
}

export interface RankingProps {
  call: ReviewCallRow;
  rows: RankingRow[];
  callOpen: boolean;
  unsent: number;
  byHand: ReviewApplicationRow[];
  notice?: string;
}

function RankingActions({ ctx, call, row, callOpen }: { ctx: ViewContext; call: ReviewCallRow; row: RankingRow; callOpen: boolean }) {
  const { application } = row;
  const base = `${callPath(call)}/applications/${application.id}`;
  const shortlist = application.status === 'submitted' || application.status === 'shortlisted';
  const decidable = !callOpen && application.decision_sent_at === null;
  return (
    <td class="actions">
      {shortlist ? <ButtonForm ctx={ctx} action={`${base}/shortlist`} fields={{ shortlisted: application.status === 'submitted' ? '1' : '0' }} label={ctx.t(application.status === 'submitted' ? 'programme.review.shortlist' : 'programme.review.unshortlist')} /> : ''}
      {decidable && application.status !== 'selected' ? <ButtonForm ctx={ctx} action={`${base}/decision`} fields={{ decision: 'selected' }} label={ctx.t('programme.review.select')} /> : ''}
      {decidable && application.status !== 'rejected' ? <ButtonForm ctx={ctx} action={`${base}/decision`} fields={{ decision: 'rejected' }} label={ctx.t('programme.review.reject')} kind="danger" /> : ''}
    </td>
  );
}

const scoreText = (ctx: ViewContext, value: number | null) => (value === null ? '—' : formatNumber(value, ctx.locale));

export function RankingPage({ ctx, props }: { ctx: ViewContext; props: RankingProps }) {
  const { call, rows, callOpen, unsent, byHand, notice } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('programme.review.ranking')} area="admin">
      <p><a href={operatorBase} safe>{ctx.t('programme.review.overview_title')}</a></p>
      <h1><span safe>{ctx.t('programme.review.ranking')}</span> — <Localized ctx={ctx} text={call.title} /></h1>
      <CallLinks ctx={ctx} call={call} />
      <PageNotice notice={notice} />
      <p><a href={`${callPath(call)}/ranking.csv`} safe>{ctx.t('programme.review.csv')}</a></p>
      <p class="muted" safe>{ctx.t('programme.review.ranking_explained')}</p>
      <table id="ranking">
        <thead><tr><th safe>{ctx.t('programme.review.rank')}</th><th safe>{ctx.t('programme.review.applicant')}</th><th safe>{ctx.t('programme.review.score')}</th><th safe>{ctx.t('programme.review.review_count')}</th><th safe>{ctx.t('programme.review.spread')}</th><th safe>{ctx.t('programme.review.status')}</th><th safe>{ctx.t('programme.review.actions')}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr id={`rank-${row.applicationId}`}>
              <td>{row.rank === null ? <span class="muted" safe>{ctx.t('programme.review.unranked')}</span> : <span safe>{formatNumber(row.rank, ctx.locale)}</span>}{row.tied ? <> <span class="badge badge-warning tie" safe>{ctx.t('programme.review.tie')}</span></> : ''}</td>
              <td><a href={applicationReviewPath(row.applicationId)} safe>{`${row.application.reference ?? ''} — ${row.application.applicant_name}`}</a></td>
              <td class="score" safe>{scoreText(ctx, row.score)}</td>
              <td class="review-count" safe>{formatNumber(row.reviewCount, ctx.locale)}</td>
              <td safe>{row.min === null ? '—' : `${scoreText(ctx, row.min)}–${scoreText(ctx, row.max)}`}</td>
              <td><StatusBadge ctx={ctx} status={row.application.status} /></td>
              <RankingActions ctx={ctx} call={call} row={row} callOpen={callOpen} />
            </tr>
          ))}
        </tbody>
      </table>
      <section id="decisions">
        <h2 safe>{ctx.t('programme.review.decisions')}</h2>
        {callOpen ? <p safe>{ctx.t('programme.review.call_still_open')}</p> : (
          <form method="post" action={`${callPath(call)}/decisions/send`} id="send-decisions">
            <CsrfField ctx={ctx} />
            <IdempotencyField ctx={ctx} />
            <p safe>{ctx.t('programme.review.decisions_unsent', { count: formatNumber(unsent, ctx.locale) })}</p>
            <button type="submit" class="btn btn-primary" disabled={unsent === 0} safe>{ctx.t('programme.review.send_decisions')}</button>
          </form>
        )}
        {byHand.length > 0 ? (
          <>
            <h3 safe>{ctx.t('programme.review.tell_by_hand')}</h3>
            <ul id="by-hand">{byHand.map((a) => <li safe>{`${a.reference ?? ''} — ${a.applicant_name}`}</li>)}</ul>
          </>
        ) : ''}
      </section>
    </Layout>
  );
}
