import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CohortRow } from '../db/tables.js';
import { deploymentStatuses } from '../db/tables.js';
import { boardPath, cohortAdminPath, deploymentStatusKeys, localizedName, pairingPath, stepTitle } from './labels.js';
import type { DeploymentView, DeploymentWithSteps, SelectedApplication } from './queries.js';
import { ButtonForm, deploymentLink } from './views.js';

export interface PairingProps {
  cohort: CohortRow;
  applications: SelectedApplication[];
  deployments: DeploymentView[];
  communes: { id: string; slug: string; name: DeploymentView['commune_name']; country: string }[];
  form: FormState;
}

const applicationLabel = (a: SelectedApplication) => `${a.reference ?? ''} · ${a.applicant_name}${a.country ? ` (${a.country})` : ''}`;

function CountryRuleForm({ ctx, cohort }: { ctx: ViewContext; cohort: CohortRow }) {
  return (
    <form method="post" action={`${pairingPath(cohort.slug)}/rule`} id="rule-form">
      <CsrfField ctx={ctx} />
      <div class="field checkbox">
        <input type="checkbox" id="abroad_only" name="abroad_only" value="on" checked={cohort.volunteers_abroad_only} />
        <label for="abroad_only" safe>{ctx.t('programme.path.rule_label')}</label>
      </div>
      <button type="submit" class="secondary" safe>{ctx.t('programme.path.rule_save')}</button>
    </form>
  );
}

/** A selected commune application from a commune not yet on this install is linked to one first. */
function LinkCommuneForms({ ctx, props }: { ctx: ViewContext; props: PairingProps }) {
  const unlinked = props.applications.filter((a) => a.audience === 'communes' && !a.commune_id);
  if (unlinked.length === 0) return <></>;
  const options: [string, string][] = props.communes.map((c) => [c.id, `${localizedName(ctx, c.name)} (${c.country})`]);
  return (
    <section id="link-communes">
      <h2 safe>{ctx.t('programme.path.link_title')}</h2>
      {unlinked.map((a) => (
        <form method="post" action={`${cohortAdminPath(props.cohort.slug)}/applications/${a.id}/commune`}>
          <CsrfField ctx={ctx} />
          <SelectField ctx={ctx} form={{ values: {}, errors: {} }} name="commune_id" label={applicationLabel(a)} options={options} />
          <button type="submit" class="secondary" safe>{ctx.t('programme.path.link_save')}</button>
        </form>
      ))}
    </section>
  );
}

function PairForm({ ctx, props }: { ctx: ViewContext; props: PairingProps }) {
  const paired = new Set(props.deployments.flatMap((d) => [d.commune_application_id, d.volunteer_application_id]));
  const free = props.applications.filter((a) => !paired.has(a.id));
  const communes: [string, string][] = free.filter((a) => a.audience === 'communes' && a.commune_id).map((a) => [a.id, `${applicationLabel(a)} → ${localizedName(ctx, a.commune_name ?? {})} (${a.commune_country})`]);
  const volunteers: [string, string][] = free.filter((a) => a.audience === 'volunteers').map((a) => [a.id, applicationLabel(a)]);
  const labels = { commune_application: ctx.t('programme.path.field_commune'), volunteer_application: ctx.t('programme.path.field_volunteer'), starts_on: ctx.t('programme.path.field_starts'), ends_on: ctx.t('programme.path.field_ends') };
  return (
    <form method="post" action={pairingPath(props.cohort.slug)} id="pair-form">
      <h2 safe>{ctx.t('programme.path.pair_title')}</h2>
      <CsrfField ctx={ctx} />
      <IdempotencyField />
      <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
      {props.form.errors._form ? <Notice kind="error"><p safe>{ctx.t(props.form.errors._form)}</p></Notice> : ''}
      <SelectField ctx={ctx} form={props.form} name="commune_application" label={labels.commune_application} options={communes} empty="—" />
      <SelectField ctx={ctx} form={props.form} name="volunteer_application" label={labels.volunteer_application} options={volunteers} empty="—" />
      <Field ctx={ctx} form={props.form} name="starts_on" label={labels.starts_on} type="date" required />
      <Field ctx={ctx} form={props.form} name="ends_on" label={labels.ends_on} type="date" required />
      <button type="submit" safe>{ctx.t('programme.path.pair_submit')}</button>
    </form>
  );
}

function DeploymentRow({ ctx, cohort, deployment }: { ctx: ViewContext; cohort: CohortRow; deployment: DeploymentView }) {
  const base = `${pairingPath(cohort.slug)}/${deployment.id}`;
  return (
    <tr>
      <th scope="row">{deploymentLink(ctx, deployment)}</th>
      <td safe>{`${formatDate(deployment.starts_on, ctx.locale)} – ${formatDate(deployment.ends_on, ctx.locale)}`}</td>
      <td>
        <form method="post" action={`${base}/status`} class="inline">
          <CsrfField ctx={ctx} />
          <label for={`status-${deployment.id}`} class="visually-hidden" safe>{ctx.t('programme.path.status')}</label>
          <select id={`status-${deployment.id}`} name="status">
            {deploymentStatuses.map((s) => <option value={s} selected={s === deployment.status} safe>{ctx.t(deploymentStatusKeys[s])}</option>)}
          </select>
          <button type="submit" class="secondary" safe>{ctx.t('programme.path.status_save')}</button>
        </form>
      </td>
      <td><ButtonForm ctx={ctx} action={`${base}/remove`} label={ctx.t('programme.path.unpair')} /></td>
    </tr>
  );
}

export function PairingPage({ ctx, props }: { ctx: ViewContext; props: PairingProps }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.path.pairing_title')}>
      <p><a href={boardPath} safe>{ctx.t('programme.path.board_title')}</a></p>
      <h1><span safe>{`${ctx.t('programme.path.pairing_title')} · `}</span><Localized ctx={ctx} text={props.cohort.title} /></h1>
      <CountryRuleForm ctx={ctx} cohort={props.cohort} />
      <LinkCommuneForms ctx={ctx} props={props} />
      <PairForm ctx={ctx} props={props} />
      <h2 safe>{ctx.t('programme.path.deployments_title')}</h2>
      {props.deployments.length === 0 ? (
        <p class="muted" safe>{ctx.t('programme.path.no_deployments')}</p>
      ) : (
        <table id="cohort-deployments">
          <thead><tr>{['programme.path.col_pair', 'programme.path.dates', 'programme.path.status', 'programme.path.col_actions'].map((k) => <th scope="col" safe>{ctx.t(k)}</th>)}</tr></thead>
          <tbody>{props.deployments.map((d) => <DeploymentRow ctx={ctx} cohort={props.cohort} deployment={d} />)}</tbody>
        </table>
      )}
    </Layout>
  );
}

/** Share of a deployment's steps that are complete (met by the data, or done when nothing measures them). */
export function completion(item: DeploymentWithSteps): number {
  return item.steps.length === 0 ? 0 : Math.round((item.steps.filter((s) => s.progress.complete).length / item.steps.length) * 100);
}

function BoardFilter({ ctx, cohorts, cohort, lateOnly }: { ctx: ViewContext; cohorts: CohortRow[]; cohort: CohortRow; lateOnly: boolean }) {
  return (
    <form method="get" action={boardPath} id="board-filter">
      <SelectField ctx={ctx} form={{ values: { cohort: cohort.slug }, errors: {} }} name="cohort" label={ctx.t('programme.path.cohort')} options={cohorts.map((c) => [c.slug, localizedName(ctx, c.title)])} />
      <div class="field checkbox">
        <input type="checkbox" id="late" name="late" value="1" checked={lateOnly} />
        <label for="late" safe>{ctx.t('programme.path.only_late')}</label>
      </div>
      <button type="submit" class="secondary" safe>{ctx.t('programme.path.filter')}</button>
      {' '}<a href={pairingPath(cohort.slug)} safe>{ctx.t('programme.path.pairing_title')}</a>
    </form>
  );
}

export function BoardPage({ ctx, cohorts, cohort, items, lateOnly }: { ctx: ViewContext; cohorts: CohortRow[]; cohort: CohortRow; items: DeploymentWithSteps[]; lateOnly: boolean }) {
  const bars = items.map((item) => ({ label: localizedName(ctx, item.deployment.commune_name), value: completion(item), display: `${completion(item)} %` }));
  return (
    <Layout ctx={ctx} title={ctx.t('programme.path.board_title')}>
      <h1 safe>{ctx.t('programme.path.board_title')}</h1>
      <BoardFilter ctx={ctx} cohorts={cohorts} cohort={cohort} lateOnly={lateOnly} />
      {items.length === 0 ? <p class="muted" safe>{ctx.t('programme.path.no_deployments')}</p> : ''}
      <div class="chart-and-table">
        {items.length > 0 ? <HorizontalBarChart title={ctx.t('programme.path.chart_title')} bars={bars} max={100} dir={ctx.dir} /> : ''}
        <table id="board">
          <caption safe>{ctx.t('programme.path.board_caption')}</caption>
          <thead><tr>{['programme.path.commune', 'programme.path.volunteer', 'programme.path.col_done', 'programme.path.col_late'].map((k) => <th scope="col" safe>{ctx.t(k)}</th>)}</tr></thead>
          <tbody>
            {items.map((item) => {
              const late = item.steps.filter((s) => s.progress.late);
              return (
                <tr class={late.length > 0 ? 'late' : undefined}>
                  <th scope="row">{deploymentLink(ctx, item.deployment)}</th>
                  <td safe>{item.deployment.volunteer_name}</td>
                  <td safe>{`${completion(item)} %`}</td>
                  <td>
                    <strong safe>{String(late.length)}</strong>
                    {late.length > 0 ? <ul>{late.map((s) => <li><mark safe>{stepTitle(ctx, s)}</mark></li>)}</ul> : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
