import type { FormState } from '../../../platform/http/forms.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { completionKeys, valueKeys } from '../plans/labels.js';
import { completionLevels, ogpValues } from '../plans/tables.js';
import { evidenceSlots } from './forms.js';
import { earlyResultsKeys, potentialImpactKeys, reviewCompletionKeys, statusBadgeClass } from './labels.js';
import type { AssessableCommitment } from './queries.js';
import { earlyResults, potentialImpacts, type ReportRow, reviewCompletions, type ReviewRow } from './tables.js';

const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale);
const adminPath = (ctx: ViewContext, path: string) => `/${ctx.commune!.slug}/admin/${path}`;

function CommitmentHeading({ ctx, commitment }: { ctx: ViewContext; commitment: { number: number; title: LocalizedText } }) {
  return <p class="lead"><span safe>{`${ctx.t('accountability.plans.commitment')} ${commitment.number}. `}</span><Localized ctx={ctx} text={commitment.title} /></p>;
}

/** The commitments of published plans, each with a link to assess it (civil society) or review it (monitor). */
export function AssessableListPage({ ctx, kind, commitments }: { ctx: ViewContext; kind: 'shadow' | 'review'; commitments: AssessableCommitment[] }) {
  const title = ctx.t(kind === 'shadow' ? 'accountability.reports.shadow_nav' : 'accountability.review.nav');
  const base = adminPath(ctx, kind === 'shadow' ? 'shadow-assessments' : 'commitment-reviews');
  const action = ctx.t(kind === 'shadow' ? 'accountability.reports.write_shadow' : 'accountability.review.write');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t(kind === 'shadow' ? 'accountability.reports.shadow_intro' : 'accountability.review.intro')}</p>
      {commitments.length === 0 ? <p class="muted" safe>{ctx.t('accountability.plans.none')}</p> : (
        <ul id="assessable-commitments">
          {commitments.map((c) => (
            <li>
              <Localized ctx={ctx} text={c.planTitle} /><span safe>{` — ${c.number}. `}</span><Localized ctx={ctx} text={c.title} />
              {' · '}<a href={`${base}/${c.id}`} safe>{action}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface ReportFormProps {
  commitment: { number: number; title: LocalizedText };
  action: string;
  form: FormState;
  previous: ReportRow[];
  /** Civil society names its organisation; the commune's report is the commune's. */
  shadow: boolean;
  back: string;
}

function PreviousReports({ ctx, props }: { ctx: ViewContext; props: ReportFormProps }) {
  if (props.previous.length === 0) return <></>;
  return (
    <>
      <h2 safe>{ctx.t('accountability.reports.previous')}</h2>
      <ul id="previous-reports">
        {props.previous.map((report) => (
          <li>
            <span safe>{`${ctx.t('accountability.reports.period', { start: day(ctx, report.period_start), end: day(ctx, report.period_end) })} `}</span>
            <span class={statusBadgeClass[report.status]} safe>{ctx.t(completionKeys[report.status])}</span>
            {' · '}<a href={`${props.action}?edit=${report.id}`} safe>{ctx.t('accountability.reports.correct')}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

function EvidenceFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <fieldset id="report-evidence">
      <legend safe>{ctx.t('accountability.reports.evidence')}</legend>
      {evidenceSlots.map((slot) => (
        <div class="grid">
          <Field ctx={ctx} form={form} name={`evidence_title_${slot}`} label={ctx.t('accountability.reports.evidence_title', { number: String(slot) })} />
          <Field ctx={ctx} form={form} name={`evidence_url_${slot}`} label={ctx.t('accountability.reports.evidence_url', { number: String(slot) })} type="url" />
        </div>
      ))}
    </fieldset>
  );
}

/** The form of a progress report: the commune's (staff) or a shadow assessment (civil society). */
export function ReportFormPage({ ctx, props }: { ctx: ViewContext; props: ReportFormProps }) {
  const title = ctx.t(props.shadow ? 'accountability.reports.write_shadow' : 'accountability.reports.write_commune');
  const { form } = props;
  const labels = {
    period_start: ctx.t('accountability.reports.period_start'), period_end: ctx.t('accountability.reports.period_end'), status: ctx.t('accountability.plans.status'),
    narrative_fr: ctx.t('accountability.reports.narrative'), organisation: ctx.t('accountability.reports.organisation'),
    ...Object.fromEntries(evidenceSlots.map((slot) => [`evidence_url_${slot}`, ctx.t('accountability.reports.evidence_url', { number: String(slot) })])),
  };
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={props.back} safe>{ctx.t('accountability.plans.back')}</a></p>
      <h1 safe>{title}</h1>
      <CommitmentHeading ctx={ctx} commitment={props.commitment} />
      <p class="muted" safe>{ctx.t('accountability.reports.correction_rule')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={props.action} id="report-form">
        <CsrfField ctx={ctx} />
        {props.shadow ? <Field ctx={ctx} form={form} name="organisation" label={labels.organisation} required /> : ''}
        <Field ctx={ctx} form={form} name="period_start" label={labels.period_start} type="date" required />
        <Field ctx={ctx} form={form} name="period_end" label={labels.period_end} type="date" required />
        <SelectField ctx={ctx} form={form} name="status" label={labels.status} options={completionLevels.map((level) => [level, ctx.t(completionKeys[level])])} />
        <Field ctx={ctx} form={form} name="narrative_fr" label={labels.narrative_fr} multiline required />
        <Field ctx={ctx} form={form} name="challenges_fr" label={ctx.t('accountability.reports.challenges')} multiline />
        <EvidenceFields ctx={ctx} form={form} />
        <button type="submit" safe>{ctx.t('accountability.reports.publish')}</button>
      </form>
      <PreviousReports ctx={ctx} props={props} />
    </Layout>
  );
}

export interface ReviewFormProps {
  commitment: { number: number; title: LocalizedText };
  action: string;
  form: FormState;
  values: string[];
  previous: ReviewRow[];
}

function ValuesField({ ctx, values }: { ctx: ViewContext; values: string[] }) {
  return (
    <fieldset id="ogp_values">
      <legend safe>{ctx.t('accountability.review.values')}</legend>
      {ogpValues.map((value) => <label class="checkbox"><input type="checkbox" name="ogp_values" value={value} checked={values.includes(value)} /> <span safe>{ctx.t(valueKeys[value])}</span></label>)}
    </fieldset>
  );
}

/** The monitoring body's IRM-style review of one commitment. */
export function ReviewFormPage({ ctx, props }: { ctx: ViewContext; props: ReviewFormProps }) {
  const title = ctx.t('accountability.review.write');
  const { form } = props;
  const labels = {
    verifiable: ctx.t('accountability.review.verifiable'), potential_impact: ctx.t('accountability.review.potential_impact'), completion: ctx.t('accountability.review.completion'),
    early_results: ctx.t('accountability.review.early_results'), rationale_fr: ctx.t('accountability.review.rationale'), review_date: ctx.t('accountability.review.date'),
  };
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={adminPath(ctx, 'commitment-reviews')} safe>{ctx.t('accountability.plans.back')}</a></p>
      <h1 safe>{title}</h1>
      <CommitmentHeading ctx={ctx} commitment={props.commitment} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={props.action} id="review-form">
        <CsrfField ctx={ctx} />
        <SelectField ctx={ctx} form={form} name="verifiable" label={labels.verifiable} options={[['yes', ctx.t('accountability.review.yes')], ['no', ctx.t('accountability.review.no')]]} empty="—" />
        <ValuesField ctx={ctx} values={props.values} />
        <SelectField ctx={ctx} form={form} name="potential_impact" label={labels.potential_impact} options={potentialImpacts.map((v) => [v, ctx.t(potentialImpactKeys[v])])} empty="—" />
        <SelectField ctx={ctx} form={form} name="completion" label={labels.completion} options={reviewCompletions.map((v) => [v, ctx.t(reviewCompletionKeys[v])])} empty="—" />
        <SelectField ctx={ctx} form={form} name="early_results" label={labels.early_results} options={earlyResults.map((v) => [v, ctx.t(earlyResultsKeys[v])])} empty={ctx.t('accountability.review.not_assessed')} />
        <Field ctx={ctx} form={form} name="rationale_fr" label={labels.rationale_fr} multiline required />
        <Field ctx={ctx} form={form} name="review_date" label={labels.review_date} type="date" required />
        <button type="submit" safe>{ctx.t('accountability.review.save')}</button>
      </form>
      {props.previous.length > 0 ? (
        <>
          <h2 safe>{ctx.t('accountability.review.previous')}</h2>
          <ul id="previous-reviews">{props.previous.map((r) => <li safe>{`${day(ctx, r.review_date)} — ${ctx.t(reviewCompletionKeys[r.completion])}`}</li>)}</ul>
        </>
      ) : ''}
    </Layout>
  );
}
