import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { DeploymentRelation } from '../permissions.js';
import { scorecardIndicators } from '../../network/index.js';
import { boardPath, deploymentPath, localizedName, programmeDeploymentsPath, stepPath, stepStatusKeys, stepTitle } from './labels.js';
import type { DeploymentView, DeploymentWithSteps, MeasuredStep } from './queries.js';
import { stepStatuses } from './tables.js';
import { ButtonForm, DeploymentFacts, deploymentLink, StepsTable, TermsList } from './views.js';

type Relation = Exclude<DeploymentRelation, null>;

function stepLabels(ctx: ViewContext): Record<string, string> {
  return {
    title: ctx.t('programme.path.field_title'),
    owner: ctx.t('programme.path.field_owner'),
    due_on: ctx.t('programme.path.field_due'),
    status: ctx.t('programme.path.field_status'),
    indicator: ctx.t('programme.path.field_indicator'),
    target: ctx.t('programme.path.field_target'),
    evidence: ctx.t('programme.path.field_evidence'),
    evidence_url: ctx.t('programme.path.field_evidence_url'),
  };
}

/** Evidence is public once entered: the commune's programme page shows it to everyone. */
function EvidenceFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = stepLabels(ctx);
  return (
    <>
      <Notice><p safe>{ctx.t('programme.path.evidence_public')}</p></Notice>
      <Field ctx={ctx} form={form} name="evidence" label={labels.evidence!} multiline />
      <Field ctx={ctx} form={form} name="evidence_url" label={labels.evidence_url!} type="url" hint={ctx.t('programme.path.evidence_url_hint')} />
    </>
  );
}

/** The plan's fields (operator and volunteer): what, who, when, status, and the indicator that measures it. */
function PlanFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = stepLabels(ctx);
  const indicators: [string, string][] = scorecardIndicators().map((i) => [i.id, localizedName(ctx, i.title)]);
  return (
    <>
      <Field ctx={ctx} form={form} name="title" label={labels.title!} required />
      <Field ctx={ctx} form={form} name="owner" label={labels.owner!} hint={ctx.t('programme.path.owner_hint')} />
      <Field ctx={ctx} form={form} name="due_on" label={labels.due_on!} type="date" required />
      <SelectField ctx={ctx} form={form} name="status" label={labels.status!} options={stepStatuses.map((s) => [s, ctx.t(stepStatusKeys[s])])} />
      <SelectField ctx={ctx} form={form} name="indicator" label={labels.indicator!} options={indicators} empty={ctx.t('programme.path.no_indicator')} />
      <Field ctx={ctx} form={form} name="target" label={labels.target!} inputmode="numeric" hint={ctx.t('programme.path.target_hint')} />
    </>
  );
}

export function stepForm(ctx: Pick<ViewContext, 't'>, step: MeasuredStep): FormState {
  return {
    values: {
      title: stepTitle(ctx, step),
      owner: step.owner,
      due_on: step.due_on,
      status: step.status,
      indicator: step.indicator ?? '',
      target: step.target === null ? '' : String(Number(step.target)),
      evidence: step.evidence,
      evidence_url: step.evidence_url ?? '',
    },
    errors: {},
  };
}

function TermsForm({ ctx, deployment }: { ctx: ViewContext; deployment: DeploymentView }) {
  return (
    <form method="post" action={`${deploymentPath(deployment.id)}/terms`} id="terms-form">
      <CsrfField ctx={ctx} />
      <p class="field-hint" safe>{ctx.t('programme.path.terms_hint')}</p>
      {deployment.terms.map((term, index) => (
        <div class="field">
          <label for={`term_${index}`} safe>{`${ctx.t('programme.path.term_line', { n: String(index + 1) })}${term.fromNeeds ? ` (${ctx.t('programme.path.from_needs')})` : ''}`}</label>
          <input id={`term_${index}`} name={`term_${index}`} value={term.text} />
        </div>
      ))}
      <div class="field">
        <label for="term_new" safe>{ctx.t('programme.path.term_new')}</label>
        <input id="term_new" name="term_new" value="" />
      </div>
      <button type="submit" safe>{ctx.t('programme.path.save_terms')}</button>
    </form>
  );
}

function AddStepForm({ ctx, deploymentId, form }: { ctx: ViewContext; deploymentId: string; form: FormState }) {
  return (
    <form method="post" action={`${deploymentPath(deploymentId)}/steps`} id="add-step-form">
      <h3 safe>{ctx.t('programme.path.add_step')}</h3>
      <CsrfField ctx={ctx} />
      <IdempotencyField />
      <ErrorSummary ctx={ctx} form={form} labels={stepLabels(ctx)} />
      <PlanFields ctx={ctx} form={form} />
      <EvidenceFields ctx={ctx} form={form} />
      <button type="submit" safe>{ctx.t('programme.path.add_step')}</button>
    </form>
  );
}

export const emptyStepForm = (): FormState => ({ values: { status: 'planned' }, errors: {} });

export function DeploymentPage({ ctx, item, relation, stepFormState }: { ctx: ViewContext; item: DeploymentWithSteps; relation: Relation; stepFormState?: FormState }) {
  const { deployment, steps } = item;
  const canPlan = relation === 'operator' || relation === 'volunteer';
  const late = steps.filter((s) => s.progress.late);
  return (
    <Layout ctx={ctx} title={ctx.t('programme.path.deployment_title')}>
      <p><a href={programmeDeploymentsPath} safe>{ctx.t('programme.path.my_deployments')}</a></p>
      <h1><span safe>{`${ctx.t('programme.path.deployment_title')} · `}</span><Localized ctx={ctx} text={deployment.commune_name} /></h1>
      <p class="muted"><Localized ctx={ctx} text={deployment.cohort_title} /></p>
      <DeploymentFacts ctx={ctx} deployment={deployment} />
      <p><a href={`${deploymentPath(deployment.id)}/reports`} id="reports-link" safe>{ctx.t('programme.path.reports_link')}</a></p>
      <h2 safe>{ctx.t('programme.path.terms_title')}</h2>
      {relation === 'operator' ? <TermsForm ctx={ctx} deployment={deployment} /> : <TermsList ctx={ctx} terms={deployment.terms} />}
      <h2 safe>{ctx.t('programme.path.steps_title')}</h2>
      {late.length > 0 ? <Notice kind="error"><p safe>{ctx.t('programme.path.late_count', { count: String(late.length) })}</p></Notice> : ''}
      <p class="field-hint" safe>{ctx.t('programme.path.measured_note')}</p>
      <StepsTable ctx={ctx} deploymentId={deployment.id} steps={steps} editable />
      {canPlan ? <AddStepForm ctx={ctx} deploymentId={deployment.id} form={stepFormState ?? emptyStepForm()} /> : ''}
    </Layout>
  );
}

/** One step: the whole plan for the operator and the volunteer, the evidence only for the commune's team. */
export function StepEditPage({ ctx, deployment, step, relation, form }: { ctx: ViewContext; deployment: DeploymentView; step: MeasuredStep; relation: Relation; form: FormState }) {
  const canPlan = relation === 'operator' || relation === 'volunteer';
  return (
    <Layout ctx={ctx} title={stepTitle(ctx, step)}>
      <p><a href={deploymentPath(deployment.id)} safe>{ctx.t('programme.path.back_to_deployment')}</a></p>
      <h1 safe>{stepTitle(ctx, step)}</h1>
      <p class="muted" safe>{ctx.t('programme.path.due_on', { date: formatDate(step.due_on, ctx.locale) })}</p>
      <form method="post" action={stepPath(deployment.id, step.id)} id="step-form">
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={stepLabels(ctx)} />
        {canPlan ? <PlanFields ctx={ctx} form={form} /> : ''}
        <EvidenceFields ctx={ctx} form={form} />
        <button type="submit" safe>{ctx.t('programme.path.save_step')}</button>
      </form>
      {canPlan ? <ButtonForm ctx={ctx} action={`${stepPath(deployment.id, step.id)}/remove`} label={ctx.t('programme.path.remove_step')} id="remove-step" /> : ''}
    </Layout>
  );
}

/** The actor's deployments; an operator sees them all, with the way to the board (team operators have no menu). */
export function MyDeploymentsPage({ ctx, items, operator }: { ctx: ViewContext; items: DeploymentView[]; operator: boolean }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.path.my_deployments')}>
      <h1 safe>{ctx.t('programme.path.my_deployments')}</h1>
      {operator ? <p><a href={boardPath} id="board-link" safe>{ctx.t('programme.path.board_title')}</a></p> : ''}
      {items.length === 0 ? (
        <p class="muted" safe>{ctx.t('programme.path.no_deployments')}</p>
      ) : (
        <ul id="my-deployments">
          {items.map((d) => (
            <li>
              {deploymentLink(ctx, d)} <small class="muted"><Localized ctx={ctx} text={d.cohort_title} /></small>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The commune's public page: its participation in the programme, terms and path measured from its data. */
export function CommuneProgrammePage({ ctx, items }: { ctx: ViewContext; items: DeploymentWithSteps[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.path.public_title')}>
      <h1 safe>{ctx.t('programme.path.public_title')}</h1>
      <p class="lead" safe>{ctx.t('programme.path.public_intro')}</p>
      {items.length === 0 ? <p class="muted" safe>{ctx.t('programme.path.public_none')}</p> : ''}
      {items.map(({ deployment, steps }) => (
        <section id={`deployment-${deployment.id}`}>
          <h2><Localized ctx={ctx} text={deployment.cohort_title} /></h2>
          <DeploymentFacts ctx={ctx} deployment={deployment} />
          <h3 safe>{ctx.t('programme.path.terms_title')}</h3>
          <TermsList ctx={ctx} terms={deployment.terms} />
          <h3 safe>{ctx.t('programme.path.steps_title')}</h3>
          <StepsTable ctx={ctx} deploymentId={deployment.id} steps={steps} editable={false} />
        </section>
      ))}
      <p><a href="/network/programme" safe>{ctx.t('programme.path.about_programme')}</a></p>
    </Layout>
  );
}
