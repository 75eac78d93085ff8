import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { TermOfReference } from '../db/tables.js';
import { deploymentPath, deploymentStatusKeys, stepPath, stepStatusKeys, stepTitle } from './labels.js';
import type { DeploymentView, MeasuredStep } from './queries.js';

/** Value / target with a bar: what the data says, not what was declared. */
function MeasuredCell({ ctx, step }: { ctx: ViewContext; step: MeasuredStep }) {
  const { progress } = step;
  if (progress.target === null) return <span safe>{ctx.t(stepStatusKeys[step.status])}</span>;
  const value = progress.value === null ? ctx.t('programme.path.no_data') : formatNumber(progress.value, ctx.locale);
  const text = ctx.t('programme.path.value_of_target', { value, target: formatNumber(progress.target, ctx.locale) });
  return (
    <>
      {step.indicatorInfo ? <Localized ctx={ctx} text={step.indicatorInfo.title} /> : <span safe>{step.indicator}</span>}
      <br />
      <progress max="100" value={String(progress.percent)} aria-label={text} safe>{`${progress.percent} %`}</progress> <span safe>{text}</span>{' '}
      <strong class={progress.met ? 'met' : 'not-met'} safe>{ctx.t(progress.met ? 'programme.path.met' : 'programme.path.not_met')}</strong>
      {progress.flagged ? <p class="field-error" safe>{ctx.t('programme.path.flag_done_not_met')}</p> : ''}
    </>
  );
}

function Evidence({ ctx, step }: { ctx: ViewContext; step: MeasuredStep }) {
  if (!step.evidence && !step.evidence_url) return <span class="muted" safe>{ctx.t('programme.path.no_evidence')}</span>;
  return (
    <>
      <span safe>{step.evidence}</span>
      {step.evidence_url ? (
        <>
          {' '}
          <a href={step.evidence_url} rel="nofollow noopener" safe>{ctx.t('programme.path.evidence_link')}</a>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** The path's steps; late ones are marked in words (not by colour alone); `editable` adds each step's edit link. */
export function StepsTable({ ctx, deploymentId, steps, editable }: { ctx: ViewContext; deploymentId: string; steps: MeasuredStep[]; editable: boolean }) {
  if (steps.length === 0) return <p class="muted" safe>{ctx.t('programme.path.no_steps')}</p>;
  return (
    <table class="path-steps" id={`steps-${deploymentId}`}>
      <caption safe>{ctx.t('programme.path.steps_caption')}</caption>
      <thead>
        <tr>
          {['programme.path.col_step', 'programme.path.col_owner', 'programme.path.col_due', 'programme.path.col_progress', 'programme.path.col_evidence'].map((key) => <th scope="col" safe>{ctx.t(key)}</th>)}
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr class={step.progress.late ? 'late' : undefined} id={`step-${step.id}`}>
            <th scope="row">
              {editable ? <a href={stepPath(deploymentId, step.id)} safe>{stepTitle(ctx, step)}</a> : <span safe>{stepTitle(ctx, step)}</span>}
              {step.progress.late ? <> <mark class="late-mark" safe>{ctx.t('programme.path.late')}</mark></> : ''}
            </th>
            <td safe>{step.owner}</td>
            <td safe>{formatDate(step.due_on, ctx.locale)}</td>
            <td><MeasuredCell ctx={ctx} step={step} /></td>
            <td><Evidence ctx={ctx} step={step} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TermsList({ ctx, terms }: { ctx: ViewContext; terms: TermOfReference[] }) {
  if (terms.length === 0) return <p class="muted" safe>{ctx.t('programme.path.no_terms')}</p>;
  return (
    <ul class="terms">
      {terms.map((term) => (
        <li>
          <span safe>{term.text}</span>
          {term.fromNeeds ? <small class="muted" safe>{` (${ctx.t('programme.path.from_needs')})`}</small> : ''}
        </li>
      ))}
    </ul>
  );
}

/** Who, where, when: the facts heading every view of a deployment. */
export function DeploymentFacts({ ctx, deployment }: { ctx: ViewContext; deployment: DeploymentView }) {
  return (
    <dl class="facts">
      <dt safe>{ctx.t('programme.path.commune')}</dt>
      <dd><Localized ctx={ctx} text={deployment.commune_name} /> <span safe>{`(${deployment.commune_country})`}</span></dd>
      <dt safe>{ctx.t('programme.path.volunteer')}</dt>
      <dd safe>{`${deployment.volunteer_name}${deployment.volunteer_country ? ` (${deployment.volunteer_country})` : ''}`}</dd>
      <dt safe>{ctx.t('programme.path.dates')}</dt>
      <dd safe>{ctx.t('programme.path.dates_value', { from: formatDate(deployment.starts_on, ctx.locale), to: formatDate(deployment.ends_on, ctx.locale) })}</dd>
      <dt safe>{ctx.t('programme.path.status')}</dt>
      <dd safe>{ctx.t(deploymentStatusKeys[deployment.status])}</dd>
    </dl>
  );
}

/** A small POST form with one button (unpair, remove a step): no JavaScript needed. */
export function ButtonForm({ ctx, action, label, id }: { ctx: ViewContext; action: string; label: string; id?: string }) {
  return (
    <form method="post" action={action} class="inline" id={id}>
      <CsrfField ctx={ctx} />
      <button type="submit" class="secondary" safe>{label}</button>
    </form>
  );
}

export const deploymentLink = (ctx: ViewContext, deployment: DeploymentView) => (
  <a href={deploymentPath(deployment.id)}>
    <Localized ctx={ctx} text={deployment.commune_name} /> <span safe>{`— ${deployment.volunteer_name}`}</span>
  </a>
);
