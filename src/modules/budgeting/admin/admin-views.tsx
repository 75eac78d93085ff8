import type { FormState } from '../../../platform/http/forms.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { ProposalSummary } from '../../participation/index.js';
import { phaseKinds, type Project, type Round, roundStatuses, ruleKinds, type SubBudget } from '../db/tables.js';
import { formatAmount } from '../money.js';
import { projectCost } from '../queries/budget-queries.js';
import { feasibilityBadge, feasibilityKeys, phaseKeys, ruleKeys, statusKeys } from '../views/labels.js';
import { ProposalCredit } from '../views/public-views.js';

const adminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/budgets`;
const publicBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/budgets`;

export function AdminRoundsPage({ ctx, rounds }: { ctx: ViewContext; rounds: Round[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.admin.title')} area="admin">
      <h1 safe>{ctx.t('budgeting.admin.title')}</h1>
      <p class="admin-actions"><a class="btn" href={`${adminBase(ctx)}/new`} safe>{ctx.t('budgeting.admin.new')}</a></p>
      {rounds.length === 0 ? <p class="muted" safe>{ctx.t('budgeting.list.none')}</p> : ''}
      <ul>
        {rounds.map((r) => (
          <li>
            <a href={`${adminBase(ctx)}/${r.id}`}><Localized ctx={ctx} text={r.title} /></a> <span class="badge" safe>{ctx.t(statusKeys[r.status])}</span>{' '}
            <span class="muted" safe>{formatAmount(r.total_amount, r.currency, ctx.locale)}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function Select({ ctx, form, name, label, options }: { ctx: ViewContext; form: FormState; name: string; label: string; options: [string, string][] }) {
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      {error ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(error)}</p> : ''}
      <select id={name} name={name}>{options.map(([v, text]) => <option value={v} selected={form.values[name] === v} safe>{text}</option>)}</select>
    </div>
  );
}

function Checkbox({ form, name, label }: { form: FormState; name: string; label: string }) {
  return <div><input type="checkbox" id={name} name={name} value="on" checked={form.values[name] === 'on'} /> <label for={name} safe>{label}</label></div>;
}

function roundLabels(ctx: ViewContext): Record<string, string> {
  return {
    [`title_${ctx.commune!.default_locale}`]: ctx.t('budgeting.admin.field_title'),
    total_amount: ctx.t('budgeting.round.total'),
    sub_budgets: ctx.t('budgeting.admin.field_sub_budgets'),
    rule: ctx.t('budgeting.rule.title'),
    max_choices: ctx.t('budgeting.admin.field_max_choices'),
    points: ctx.t('budgeting.admin.field_points'),
    min_age: ctx.t('budgeting.admin.field_min_age'),
    status: ctx.t('budgeting.admin.field_status'),
  };
}

export function RoundForm({ ctx, form, action, frozen }: { ctx: ViewContext; form: FormState; action: string; frozen: boolean }) {
  const commune = ctx.commune!;
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={roundLabels(ctx)} />
      {frozen ? <Notice kind="info"><p safe>{ctx.t('budgeting.admin.frozen_notice')}</p></Notice> : ''}
      {commune.enabled_locales.map((l) => <Field ctx={ctx} form={form} name={`title_${l}`} label={`${ctx.t('budgeting.admin.field_title')} (${localeNames[l]})`} required={l === commune.default_locale} dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
      {commune.enabled_locales.map((l) => <Field ctx={ctx} form={form} name={`description_${l}`} label={`${ctx.t('budgeting.admin.field_description')} (${localeNames[l]})`} multiline dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
      <Field ctx={ctx} form={form} name="total_amount" label={`${ctx.t('budgeting.round.total')} (${commune.currency})`} hint={ctx.t('budgeting.admin.amount_hint')} inputmode="numeric" required />
      <Checkbox form={form} name="per_neighbourhood" label={ctx.t('budgeting.admin.field_per_neighbourhood')} />
      <Field ctx={ctx} form={form} name="sub_budgets" label={ctx.t('budgeting.admin.field_sub_budgets')} hint={ctx.t('budgeting.admin.sub_budgets_hint')} multiline />
      <Select ctx={ctx} form={form} name="rule" label={ctx.t('budgeting.rule.title')} options={ruleKinds.map((r) => [r, ctx.t(ruleKeys[r].name)])} />
      <Field ctx={ctx} form={form} name="max_choices" label={ctx.t('budgeting.admin.field_max_choices')} type="number" />
      <Field ctx={ctx} form={form} name="points" label={ctx.t('budgeting.admin.field_points')} type="number" />
      <fieldset>
        <legend safe>{ctx.t('budgeting.eligibility.title')}</legend>
        <Field ctx={ctx} form={form} name="min_age" label={ctx.t('budgeting.admin.field_min_age')} type="number" />
        <Checkbox form={form} name="require_verified_phone" label={ctx.t('budgeting.eligibility.verified_phone')} />
        <Checkbox form={form} name="allow_assisted" label={ctx.t('budgeting.eligibility.assisted')} />
        <Checkbox form={form} name="allow_ballot_change" label={ctx.t('budgeting.eligibility.ballot_change')} />
      </fieldset>
      <Select ctx={ctx} form={form} name="status" label={ctx.t('budgeting.admin.field_status')} options={roundStatuses.map((s) => [s, ctx.t(statusKeys[s])])} />
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button></div>
    </form>
  );
}

export function NewRoundPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.admin.new')} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('budgeting.admin.back')}</a></p>
      <h1 safe>{ctx.t('budgeting.admin.new')}</h1>
      <RoundForm ctx={ctx} form={form} action={adminBase(ctx)} frozen={false} />
    </Layout>
  );
}

function PhasesForm({ ctx, round, form }: { ctx: ViewContext; round: Round; form: FormState }) {
  const labels = Object.fromEntries(phaseKinds.flatMap((k) => [[`${k}_starts_at`, `${ctx.t(phaseKeys[k])} — ${ctx.t('budgeting.phase.starts_at')}`], [`${k}_ends_at`, `${ctx.t(phaseKeys[k])} — ${ctx.t('budgeting.phase.ends_at')}`]]));
  return (
    <form method="post" action={`${adminBase(ctx)}/${round.id}/phases`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <p class="field-hint" safe>{ctx.t('budgeting.phase.hint', { zone: ctx.commune!.time_zone })}</p>
      {phaseKinds.map((kind) => (
        <fieldset>
          <legend safe>{ctx.t(phaseKeys[kind])}</legend>
          <Field ctx={ctx} form={form} name={`${kind}_starts_at`} label={ctx.t('budgeting.phase.starts_at')} type="datetime-local" />
          <Field ctx={ctx} form={form} name={`${kind}_ends_at`} label={ctx.t('budgeting.phase.ends_at')} type="datetime-local" />
        </fieldset>
      ))}
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('budgeting.phase.save')}</button></div>
    </form>
  );
}

/** Staff pick a participation proposal; the project form opens pre-filled from it. */
function FromProposalForm({ ctx, round, proposals }: { ctx: ViewContext; round: Round; proposals: ProposalSummary[] }) {
  if (proposals.length === 0) return <></>;
  return (
    <form method="get" action={`${adminBase(ctx)}/${round.id}/projects/new`}>
      <div class="field">
        <label for="proposal" safe>{ctx.t('budgeting.admin.from_proposal')}</label>
        <select id="proposal" name="proposal">{proposals.map((p) => <option value={p.id} safe>{p.title}</option>)}</select>
      </div>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('budgeting.admin.from_proposal_button')}</button>
    </form>
  );
}

export interface EditRoundProps {
  round: Round;
  form: FormState;
  phaseForm: FormState;
  subBudgets: SubBudget[];
  projects: Project[];
  proposals: ProposalSummary[];
  frozen: boolean;
}

export function EditRoundPage({ ctx, props }: { ctx: ViewContext; props: EditRoundProps }) {
  const { round } = props;
  const url = `${adminBase(ctx)}/${round.id}`;
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.admin.title')} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('budgeting.admin.back')}</a> · <a href={`${publicBase(ctx)}/${round.id}`} safe>{ctx.t('budgeting.admin.public_page')}</a> · <a href={`${adminBase(ctx)}/${round.id}/paper`} safe>{ctx.t('budgeting.paper.link')}</a></p>
      <h1><Localized ctx={ctx} text={round.title} /></h1>
      <RoundForm ctx={ctx} form={props.form} action={url} frozen={props.frozen} />
      <h2 safe>{ctx.t('budgeting.phase.timeline')}</h2>
      <PhasesForm ctx={ctx} round={round} form={props.phaseForm} />
      <h2 safe>{ctx.t('budgeting.project.list')}</h2>
      <p class="admin-actions"><a class="btn" href={`${url}/projects/new`} safe>{ctx.t('budgeting.admin.new_project')}</a></p>
      <FromProposalForm ctx={ctx} round={round} proposals={props.proposals} />
      <table class="data">
        <tbody>
          {props.projects.map((p) => (
            <tr>
              <th scope="row"><a href={`${url}/projects/${p.id}`} safe>{p.title}</a></th>
              <td safe>{p.neighbourhood ?? ''}</td>
              <td safe>{formatAmount(projectCost(p), round.currency, ctx.locale)}</td>
              <td><span class={feasibilityBadge[p.feasibility]} safe>{ctx.t(feasibilityKeys[p.feasibility])}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function projectLabels(ctx: ViewContext): Record<string, string> {
  return {
    title: ctx.t('budgeting.project.title'),
    description: ctx.t('budgeting.project.description'),
    neighbourhood: ctx.t('budgeting.project.neighbourhood'),
    estimated_cost: ctx.t('budgeting.project.estimated_cost'),
    latitude: ctx.t('budgeting.project.latitude'),
    longitude: ctx.t('budgeting.project.longitude'),
    photo: ctx.t('budgeting.project.photo'),
    proposal_id: ctx.t('budgeting.admin.from_proposal'),
  };
}

export interface ProjectFormProps {
  round: Round;
  subBudgets: SubBudget[];
  form: FormState;
  project: Project | null;
  reviewForm: FormState;
  proposal: ProposalSummary | undefined;
}

function ProjectForm({ ctx, props }: { ctx: ViewContext; props: ProjectFormProps }) {
  const base = `${adminBase(ctx)}/${props.round.id}/projects`;
  // Multipart bodies are read as a stream, after the CSRF check: the token travels in the address.
  const action = `${props.project ? `${base}/${props.project.id}` : base}?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const { form } = props;
  return (
    <form method="post" action={action} enctype="multipart/form-data">
      <ErrorSummary ctx={ctx} form={form} labels={projectLabels(ctx)} />
      {form.values.proposal_id ? <input type="hidden" name="proposal_id" value={form.values.proposal_id} /> : ''}
      <Field ctx={ctx} form={form} name="title" label={ctx.t('budgeting.project.title')} required />
      <Field ctx={ctx} form={form} name="description" label={ctx.t('budgeting.project.description')} multiline required />
      <div class="field">
        <label for="neighbourhood" safe>{ctx.t('budgeting.project.neighbourhood')}</label>
        {form.errors.neighbourhood ? <p class="field-error" id="neighbourhood-error" safe>{ctx.t(form.errors.neighbourhood)}</p> : ''}
        <input id="neighbourhood" name="neighbourhood" list="neighbourhoods" value={form.values.neighbourhood ?? ''} />
        <datalist id="neighbourhoods">{props.subBudgets.map((s) => <option value={s.neighbourhood} />)}</datalist>
      </div>
      <Field ctx={ctx} form={form} name="estimated_cost" label={`${ctx.t('budgeting.project.estimated_cost')} (${props.round.currency})`} hint={ctx.t('budgeting.admin.amount_hint')} inputmode="numeric" required />
      <div class="field">
        <label for="photo" safe>{ctx.t('budgeting.project.photo')}</label>
        {form.errors.photo ? <p class="field-error" id="photo-error" safe>{ctx.t(form.errors.photo)}</p> : ''}
        <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp" />
      </div>
      <Field ctx={ctx} form={form} name="place" label={ctx.t('budgeting.project.place')} />
      <Field ctx={ctx} form={form} name="latitude" label={ctx.t('budgeting.project.latitude')} inputmode="text" />
      <Field ctx={ctx} form={form} name="longitude" label={ctx.t('budgeting.project.longitude')} inputmode="text" />
      <Field ctx={ctx} form={form} name="responsible_service" label={ctx.t('budgeting.project.responsible_service')} />
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button></div>
    </form>
  );
}

function ReviewForm({ ctx, round, project, form }: { ctx: ViewContext; round: Round; project: Project; form: FormState }) {
  const labels = { feasibility: ctx.t('budgeting.review.decision'), feasibility_reason: ctx.t('budgeting.review.reason'), revised_cost: ctx.t('budgeting.project.revised_cost'), cost_note: ctx.t('budgeting.review.cost_note') };
  return (
    <form method="post" action={`${adminBase(ctx)}/${round.id}/projects/${project.id}/review`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Select ctx={ctx} form={form} name="feasibility" label={labels.feasibility} options={(['pending', 'feasible', 'not_feasible'] as const).map((f) => [f, ctx.t(feasibilityKeys[f])])} />
      <Field ctx={ctx} form={form} name="feasibility_reason" label={labels.feasibility_reason} hint={ctx.t('budgeting.review.reason_hint')} multiline />
      <Field ctx={ctx} form={form} name="revised_cost" label={`${labels.revised_cost} (${round.currency})`} hint={ctx.t('budgeting.admin.amount_hint')} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="cost_note" label={labels.cost_note} hint={ctx.t('budgeting.review.cost_note_hint')} />
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('budgeting.review.save')}</button></div>
    </form>
  );
}

export function ProjectFormPage({ ctx, props }: { ctx: ViewContext; props: ProjectFormProps }) {
  const { round, project } = props;
  const title = project ? project.title : ctx.t('budgeting.admin.new_project');
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <p>
        <a href={`${adminBase(ctx)}/${round.id}`}><Localized ctx={ctx} text={round.title} /></a>
        {project ? <> · <a href={`${publicBase(ctx)}/${round.id}/projects/${project.id}`} safe>{ctx.t('budgeting.admin.public_page')}</a></> : ''}
        {project ? <> · <a href={`${adminBase(ctx)}/${round.id}/projects/${project.id}/implementation`} safe>{ctx.t('budgeting.tracking.manage')}</a></> : ''}
      </p>
      <h1 safe>{title}</h1>
      <ProposalCredit ctx={ctx} proposal={props.proposal} />
      <ProjectForm ctx={ctx} props={props} />
      {project ? (
        <>
          <h2 safe>{ctx.t('budgeting.review.title')}</h2>
          <p><span class={feasibilityBadge[project.feasibility]} safe>{ctx.t(feasibilityKeys[project.feasibility])}</span></p>
          <ReviewForm ctx={ctx} round={round} project={project} form={props.reviewForm} />
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
