import type { FormState } from '../../../platform/http/forms.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { completionKeys, influenceKeys, kindKeys, valueKeys } from './labels.js';
import type { PlanProgress } from './queries.js';
import { type CoCreation, CoCreationForm } from './sources.js';
import { type CommitmentRow, completionLevels, influenceLevels, type MilestoneRow, ogpValues, planKinds, type PlanRow } from './tables.js';

export const adminPlansPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/plans`;
const empty: FormState = { values: {}, errors: {} };

function TitleFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <>
      {(['fr', 'en', 'pt', 'ar'] as const).map((locale) => (
        <Field ctx={ctx} form={form} name={`title_${locale}`} label={ctx.t('accountability.plans.field_title', { language: localeNames[locale] })} required={locale === 'fr'} dir={locale === 'ar' ? 'rtl' : 'auto'} />
      ))}
    </>
  );
}

function StatusForm({ ctx, action, status, id }: { ctx: ViewContext; action: string; status: string; id: string }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField ctx={ctx} />
      <label for={id} class="visually-hidden" safe>{ctx.t('accountability.plans.status')}</label>
      <select id={id} name="status">
        {completionLevels.map((level) => <option value={level} selected={status === level} safe>{ctx.t(completionKeys[level])}</option>)}
      </select>
      <button type="submit" class="secondary" safe>{ctx.t('accountability.plans.save_status')}</button>
    </form>
  );
}

export function AdminPlansPage({ ctx, plans }: { ctx: ViewContext; plans: PlanRow[] }) {
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('accountability.plans.admin_title')}>
      <h1 safe>{ctx.t('accountability.plans.admin_title')}</h1>
      <p><a class="button" href={`${adminPlansPath(ctx)}/new`} safe>{ctx.t('accountability.plans.new_plan')}</a></p>
      {plans.length === 0 ? <p class="muted" safe>{ctx.t('accountability.plans.none')}</p> : (
        <ul id="admin-plans">
          {plans.map((plan) => <li><a href={`${adminPlansPath(ctx)}/${plan.id}`}><Localized ctx={ctx} text={plan.title} /></a><span safe>{` — ${ctx.t(plan.state === 'published' ? 'accountability.plans.published' : 'accountability.plans.draft')}`}</span></li>)}
        </ul>
      )}
    </Layout>
  );
}

export function PlanFormPage({ ctx, form, planId }: { ctx: ViewContext; form: FormState; planId?: string }) {
  const title = ctx.t(planId ? 'accountability.plans.edit_plan' : 'accountability.plans.new_plan');
  const labels = { title_fr: ctx.t('accountability.plans.field_title', { language: localeNames.fr }), period_start: ctx.t('accountability.plans.field_period_start'), period_end: ctx.t('accountability.plans.field_period_end') };
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={adminPlansPath(ctx)} safe>{ctx.t('accountability.plans.back')}</a></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={planId ? `${adminPlansPath(ctx)}/${planId}/edit` : adminPlansPath(ctx)} id="plan-form">
        <CsrfField ctx={ctx} />
        <SelectField ctx={ctx} form={form} name="kind" label={ctx.t('accountability.plans.field_kind')} options={planKinds.map((k) => [k, ctx.t(kindKeys[k])])} />
        <TitleFields ctx={ctx} form={form} />
        <TranslatableTexts ctx={ctx} form={form} texts={[['description', 'accountability.plans.field_description']]} />
        <Field ctx={ctx} form={form} name="period_start" label={labels.period_start} type="date" required />
        <Field ctx={ctx} form={form} name="period_end" label={labels.period_end} type="date" required />
        <SelectField ctx={ctx} form={form} name="influence_level" label={ctx.t('accountability.plans.field_influence')} options={influenceLevels.map((l) => [l, ctx.t(influenceKeys[l])])} empty="—" />
        <button type="submit" safe>{ctx.t('accountability.plans.save')}</button>
      </form>
    </Layout>
  );
}

export function AdminPlanPage({ ctx, progress, coCreation }: { ctx: ViewContext; progress: PlanProgress; coCreation: CoCreation }) {
  const { plan } = progress;
  const base = `${adminPlansPath(ctx)}/${plan.id}`;
  const published = plan.state === 'published';
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('accountability.plans.admin_title')}>
      <p><a href={adminPlansPath(ctx)} safe>{ctx.t('accountability.plans.back')}</a></p>
      <h1><Localized ctx={ctx} text={plan.title} /></h1>
      <p id="plan-state" safe>{ctx.t(published ? 'accountability.plans.published' : 'accountability.plans.draft')}</p>
      <p>
        <a href={`${base}/edit`} safe>{ctx.t('accountability.plans.edit_plan')}</a>
        {published ? <>{' · '}<a href={`/${ctx.commune!.slug}/plans/${plan.id}`} safe>{ctx.t('accountability.plans.public_page')}</a></> : ''}
      </p>
      <form method="post" action={`${base}/state`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="state" value={published ? 'draft' : 'published'} />
        <button type="submit" safe>{ctx.t(published ? 'accountability.plans.unpublish' : 'accountability.plans.publish')}</button>
      </form>
      <h2 safe>{ctx.t('accountability.plans.commitments')}</h2>
      <ul id="admin-commitments">
        {progress.commitments.map((c) => <li><a href={`${base}/commitments/${c.commitment.id}`}><span safe>{`${c.commitment.number}. `}</span><Localized ctx={ctx} text={c.commitment.title} /></a><span safe>{` — ${ctx.t(completionKeys[c.commitment.status])}, ${c.percent} %`}</span></li>)}
      </ul>
      <p><a class="button" href={`${base}/commitments/new`} safe>{ctx.t('accountability.plans.new_commitment')}</a></p>
      <CoCreationForm ctx={ctx} planId={plan.id} coCreation={coCreation} />
    </Layout>
  );
}

function ValuesField({ ctx, values }: { ctx: ViewContext; values: string[] }) {
  return (
    <fieldset id="ogp_values">
      <legend safe>{ctx.t('accountability.plans.values')}</legend>
      {ogpValues.map((value) => <label class="checkbox"><input type="checkbox" name="ogp_values" value={value} checked={values.includes(value)} /> <span safe>{ctx.t(valueKeys[value])}</span></label>)}
    </fieldset>
  );
}

/** The commitment's long texts (each translatable) and short fields, with their labels' keys written out whole. */
const commitmentTexts: [string, string][] = [
  ['problem', 'accountability.plans.problem'],
  ['action', 'accountability.plans.action'],
  ['solution', 'accountability.plans.solution'],
  ['expected_results', 'accountability.plans.expected_results'],
];
const translationLocales = ['en', 'pt', 'ar'] as const;

/**
 * The long texts in French, then one folded section per other language (open when it holds text or an error):
 * most communes write in French first and translate later, so the form stays short.
 */
function TranslatableTexts({ ctx, form, texts }: { ctx: ViewContext; form: FormState; texts: [string, string][] }) {
  const hasContent = (locale: string) => texts.some(([name]) => form.values[`${name}_${locale}`] || form.errors[`${name}_${locale}`]);
  return (
    <>
      {texts.map(([name, key]) => <Field ctx={ctx} form={form} name={`${name}_fr`} label={ctx.t(key)} multiline />)}
      {translationLocales.map((locale) => (
        <details open={hasContent(locale)} class="translations">
          <summary safe>{ctx.t('accountability.plans.translations', { language: localeNames[locale] })}</summary>
          {texts.map(([name, key]) => <Field ctx={ctx} form={form} name={`${name}_${locale}`} label={`${ctx.t(key)} (${localeNames[locale]})`} multiline dir={locale === 'ar' ? 'rtl' : 'auto'} />)}
        </details>
      ))}
    </>
  );
}
const commitmentFields: [string, string][] = [
  ['lead_institution', 'accountability.plans.lead_institution'],
  ['supporters_government', 'accountability.plans.supporters_government'],
  ['supporters_civil_society', 'accountability.plans.supporters_civil_society'],
  ['supporters_other', 'accountability.plans.supporters_other'],
  ['contact_name', 'accountability.plans.field_contact_name'],
  ['policy_area', 'accountability.plans.policy_area'],
];

export interface CommitmentFormProps {
  planId: string;
  form: FormState;
  values: string[];
  commitment?: CommitmentRow;
  milestones?: MilestoneRow[];
  side?: FormState;
}

function CommitmentForm({ ctx, props }: { ctx: ViewContext; props: CommitmentFormProps }) {
  const base = `${adminPlansPath(ctx)}/${props.planId}/commitments`;
  const { form } = props;
  return (
    <form method="post" action={props.commitment ? `${base}/${props.commitment.id}/edit` : base} id="commitment-form">
      <CsrfField ctx={ctx} />
      <TitleFields ctx={ctx} form={form} />
      <TranslatableTexts ctx={ctx} form={form} texts={commitmentTexts} />
      <ValuesField ctx={ctx} values={props.values} />
      {commitmentFields.map(([name, key]) => <Field ctx={ctx} form={form} name={name} label={ctx.t(key)} />)}
      <Field ctx={ctx} form={form} name="contact_email" label={ctx.t('accountability.plans.field_contact_email')} type="email" />
      <Field ctx={ctx} form={form} name="start_date" label={ctx.t('accountability.plans.field_start')} type="date" />
      <Field ctx={ctx} form={form} name="end_date" label={ctx.t('accountability.plans.field_end')} type="date" />
      <Field ctx={ctx} form={form} name="budget_amount" label={ctx.t('accountability.plans.field_budget', { currency: ctx.commune!.currency })} hint={ctx.t('accountability.plans.field_budget_hint')} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="sdgs" label={ctx.t('accountability.plans.sdgs')} hint={ctx.t('accountability.plans.field_sdgs_hint')} />
      <Field ctx={ctx} form={form} name="weight" label={ctx.t('accountability.plans.field_weight')} type="number" inputmode="numeric" />
      <button type="submit" safe>{ctx.t('accountability.plans.save')}</button>
    </form>
  );
}

/** Multipart (the token rides in the address, as the body is read after the check): a link or a PDF/photo. */
function EvidenceForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  const error = form.errors.evidence_file;
  return (
    <form method="post" action={`${action}?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" id="evidence-form" class="card">
      <Field ctx={ctx} form={form} name="evidence_title" label={ctx.t('accountability.plans.field_evidence_title')} required />
      <Field ctx={ctx} form={form} name="evidence_url" label={ctx.t('accountability.plans.field_evidence_url')} type="url" hint={ctx.t('accountability.plans.evidence_hint')} />
      <div class="field">
        <label for="evidence_file" safe>{ctx.t('accountability.plans.field_evidence_file')}</label>
        {error ? <p class="field-error" id="evidence_file-error" safe>{ctx.t(error)}</p> : ''}
        <input type="file" id="evidence_file" name="evidence_file" accept="application/pdf,image/jpeg,image/png,image/webp" aria-invalid={error ? 'true' : undefined} />
      </div>
      <button type="submit" safe>{ctx.t('accountability.plans.add_evidence')}</button>
    </form>
  );
}

/** Status, milestones and evidence: what staff update as the work goes on. */
function FollowUp({ ctx, props }: { ctx: ViewContext; props: CommitmentFormProps }) {
  const commitment = props.commitment!;
  const base = `${adminPlansPath(ctx)}/${props.planId}/commitments/${commitment.id}`;
  const side = props.side ?? empty;
  return (
    <section id="follow-up">
      <h2 safe>{ctx.t('accountability.plans.status')}</h2>
      <StatusForm ctx={ctx} action={`${base}/status`} status={commitment.status} id="commitment-status-select" />
      <p><a href={`${base}/reports`} safe>{ctx.t('accountability.reports.write_commune')}</a></p>
      <h2 safe>{ctx.t('accountability.plans.milestones')}</h2>
      <ul id="admin-milestones">
        {(props.milestones ?? []).map((m, index) => <li><Localized ctx={ctx} text={m.title} /> <StatusForm ctx={ctx} action={`${base}/milestones/${m.id}/status`} status={m.status} id={`milestone-${index}`} /></li>)}
      </ul>
      <ErrorSummary ctx={ctx} form={side} labels={{ milestone_title: ctx.t('accountability.plans.milestone'), evidence_url: ctx.t('accountability.plans.field_evidence_url'), evidence_file: ctx.t('accountability.plans.field_evidence_file') }} />
      <form method="post" action={`${base}/milestones`} id="milestone-form" class="card">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={side} name="milestone_title" label={ctx.t('accountability.plans.milestone')} required />
        <Field ctx={ctx} form={side} name="deliverable" label={ctx.t('accountability.plans.field_deliverable')} />
        <Field ctx={ctx} form={side} name="milestone_start" label={ctx.t('accountability.plans.field_start')} type="date" />
        <Field ctx={ctx} form={side} name="milestone_end" label={ctx.t('accountability.plans.field_end')} type="date" />
        <Field ctx={ctx} form={side} name="responsible" label={ctx.t('accountability.plans.responsible')} />
        <button type="submit" safe>{ctx.t('accountability.plans.add_milestone')}</button>
      </form>
      <h2 safe>{ctx.t('accountability.plans.evidence')}</h2>
      <EvidenceForm ctx={ctx} action={`${base}/evidence`} form={side} />
    </section>
  );
}

export function CommitmentFormPage({ ctx, props }: { ctx: ViewContext; props: CommitmentFormProps }) {
  const title = ctx.t(props.commitment ? 'accountability.plans.edit_commitment' : 'accountability.plans.new_commitment');
  const labels = { title_fr: ctx.t('accountability.plans.field_title', { language: localeNames.fr }), contact_email: ctx.t('accountability.plans.field_contact_email'), end_date: ctx.t('accountability.plans.field_end'), sdgs: ctx.t('accountability.plans.sdgs'), weight: ctx.t('accountability.plans.field_weight') };
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={`${adminPlansPath(ctx)}/${props.planId}`} safe>{ctx.t('accountability.plans.back_to_plan')}</a></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
      <CommitmentForm ctx={ctx} props={props} />
      {props.commitment ? <FollowUp ctx={ctx} props={props} /> : ''}
    </Layout>
  );
}
