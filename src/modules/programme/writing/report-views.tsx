import type { FormState } from '../../../platform/http/forms.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { DeploymentRelation } from '../permissions.js';
import { communeLabel, dayOf, MarkdownSection, periodLabel, reportStatusKeys, SaveOrSubmit, StatusBadge } from './parts.js';
import { deskPath, reportPath, reportsPath } from './paths.js';
import type { ReportRow } from './tables.js';

export interface ReportsPageProps {
  deploymentId: string;
  communeName: LocalizedText;
  relation: DeploymentRelation;
  reports: ReportRow[];
  late: string[];
}

export function ReportsPage({ ctx, props }: { ctx: ViewContext; props: ReportsPageProps }) {
  const title = ctx.t('programme.writing.report.list_title', { commune: communeLabel(ctx, props.communeName) });
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={deskPath} safe>{ctx.t('programme.writing.desk.title')}</a></p>
      <h1 safe>{title}</h1>
      {props.relation === 'volunteer' ? <p><a class="btn" href={`${reportsPath(props.deploymentId)}/new`} safe>{ctx.t('programme.writing.report.new')}</a></p> : ''}
      {props.late.length > 0 ? (
        <Notice kind="error">
          <p id="late-months" safe>{ctx.t('programme.writing.report.late_months', { months: props.late.map((p) => periodLabel(p, ctx.locale)).join(', ') })}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.reports.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.report.none')}</p> : ''}
      <ul id="reports">
        {props.reports.map((report) => (
          <li>
            <a href={reportPath(props.deploymentId, report.id)} safe>{periodLabel(report.period, ctx.locale)}</a> <StatusBadge ctx={ctx} status={report.status} keys={reportStatusKeys} />
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const reportLabels = (ctx: ViewContext) => ({
  period: ctx.t('programme.writing.report.period'),
  activities: ctx.t('programme.writing.report.activities'),
  results: ctx.t('programme.writing.report.results'),
  difficulties: ctx.t('programme.writing.report.difficulties'),
  next_steps: ctx.t('programme.writing.report.next_steps'),
});

export interface ReportFormProps {
  deploymentId: string;
  /** Absent for a new report, whose month is chosen. */
  report?: ReportRow;
  periods: string[];
  form: FormState;
}

export function ReportFormPage({ ctx, props }: { ctx: ViewContext; props: ReportFormProps }) {
  const labels = reportLabels(ctx);
  const action = props.report ? reportPath(props.deploymentId, props.report.id) : reportsPath(props.deploymentId);
  const title = props.report ? ctx.t('programme.writing.report.edit_title', { period: periodLabel(props.report.period, ctx.locale) }) : ctx.t('programme.writing.report.new');
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={reportsPath(props.deploymentId)} safe>{ctx.t('programme.writing.report.back')}</a></p>
      <h1 safe>{title}</h1>
      <p class="muted" safe>{ctx.t('programme.writing.markdown_hint')}</p>
      <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
      <form method="post" action={action} id="report-form" class="card">
        <CsrfField ctx={ctx} />
        {props.report ? <input type="hidden" name="period" value={props.report.period} /> : <><IdempotencyField /><SelectField ctx={ctx} form={props.form} name="period" label={labels.period} options={props.periods.map((p) => [p, periodLabel(p, ctx.locale)])} /></>}
        <Field ctx={ctx} form={props.form} name="activities" label={labels.activities} multiline required dir="auto" />
        <Field ctx={ctx} form={props.form} name="results" label={labels.results} multiline dir="auto" />
        <Field ctx={ctx} form={props.form} name="difficulties" label={labels.difficulties} multiline dir="auto" />
        <Field ctx={ctx} form={props.form} name="next_steps" label={labels.next_steps} multiline dir="auto" />
        <SaveOrSubmit ctx={ctx} submitLabel={ctx.t('programme.writing.report.submit')} />
      </form>
    </Layout>
  );
}

export function ReportPage({ ctx, deploymentId, report, relation, reviewForm }: { ctx: ViewContext; deploymentId: string; report: ReportRow; relation: DeploymentRelation; reviewForm: FormState }) {
  const labels = reportLabels(ctx);
  const title = ctx.t('programme.writing.report.title', { period: periodLabel(report.period, ctx.locale) });
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={reportsPath(deploymentId)} safe>{ctx.t('programme.writing.report.back')}</a></p>
      <h1 safe>{title}</h1>
      <p><StatusBadge ctx={ctx} status={report.status} keys={reportStatusKeys} /> <span class="muted" safe>{dayOf(ctx, report.submitted_at)}</span></p>
      <MarkdownSection heading={labels.activities} text={report.activities} id="activities" />
      <MarkdownSection heading={labels.results} text={report.results} id="results" />
      <MarkdownSection heading={labels.difficulties} text={report.difficulties} id="difficulties" />
      <MarkdownSection heading={labels.next_steps} text={report.next_steps} id="next-steps" />
      {report.operator_comment ? (
        <section id="operator-comment" class="card">
          <h2 safe>{ctx.t('programme.writing.report.operator_comment')}</h2>
          <p dir="auto" safe>{report.operator_comment}</p>
        </section>
      ) : (
        ''
      )}
      {relation === 'operator' && report.status !== 'draft' ? <ReviewForm ctx={ctx} action={`${reportPath(deploymentId, report.id)}/review`} form={reviewForm} acknowledged={report.status === 'acknowledged'} /> : ''}
    </Layout>
  );
}

function ReviewForm({ ctx, action, form, acknowledged }: { ctx: ViewContext; action: string; form: FormState; acknowledged: boolean }) {
  return (
    <form method="post" action={action} id="review-form" class="card">
      <CsrfField ctx={ctx} />
      <Field ctx={ctx} form={form} name="comment" label={ctx.t('programme.writing.report.comment')} multiline dir="auto" />
      <p class="actions">
        <button type="submit" name="action" value="comment" class="btn btn-secondary" safe>{ctx.t('programme.writing.report.save_comment')}</button>{' '}
        {acknowledged ? '' : <button type="submit" name="action" value="acknowledge" class="btn" safe>{ctx.t('programme.writing.report.acknowledge')}</button>}
      </p>
    </form>
  );
}
