import type { Children } from '@kitajs/html';
import type { FormState } from '../../../../platform/http/forms.js';
import { Checkbox, LocalizedInputs, Select } from '../../../../platform/administration/form-parts.js';
import { formatDate } from '../../../../platform/i18n/format.js';
import { localeNames, locales } from '../../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import { type ApplicationStatus, applicationStatuses, type CallRow, type CohortRow, fieldKinds, type FieldRow } from '../../db/tables.js';
import { statusKeys, textIn } from '../application-views.js';
import { audienceKeys, callPath, kindKeys, stateKeys } from '../public-views.js';
import { callState } from '../state.js';

export const adminPath = '/admin/programme';
export const adminCallPath = (slug: string) => `${adminPath}/calls/${slug}`;


export type StatusCounts = Partial<Record<ApplicationStatus, number>>;

function AdminLayout({ ctx, title, children }: { ctx: ViewContext; title: string; children?: Children }) {
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <p><a href={adminPath} safe>{ctx.t('programme.operator.home')}</a></p>
      <h1 safe>{title}</h1>
      {children}
    </Layout>
  );
}

const areas = [
  ['#cohorts', 'programme.operator.area_calls'],
  [`${adminPath}/team`, 'programme.operator.area_team'],
  [`${adminPath}/review`, 'programme.operator.area_review'],
  [`${adminPath}/board`, 'programme.operator.area_board'],
  [`${adminPath}/posts`, 'programme.operator.area_posts'],
  [`${adminPath}/reports`, 'programme.operator.area_reports'],
  [`${adminPath}/lessons`, 'programme.operator.area_lessons'],
] as const;

function Counts({ ctx, counts }: { ctx: ViewContext; counts: StatusCounts }) {
  const shown = applicationStatuses.filter((s) => counts[s]);
  if (shown.length === 0) return <span class="muted" safe>{ctx.t('programme.operator.no_applications')}</span>;
  return <span safe>{shown.map((s) => `${ctx.t(statusKeys[s])}: ${counts[s]}`).join(' · ')}</span>;
}

export function OperatorHome({ ctx, cohorts, calls, counts, now }: { ctx: ViewContext; cohorts: CohortRow[]; calls: CallRow[]; counts: Map<string, StatusCounts>; now: Date }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('programme.operator.home')}>
      <nav aria-label={ctx.t('programme.operator.areas')}>
        <ul id="programme-areas">
          {areas.map(([href, key]) => <li><a href={href} safe>{ctx.t(key)}</a></li>)}
        </ul>
      </nav>
      <p>
        <a href={`${adminPath}/calls/new`} class="button" safe>{ctx.t('programme.operator.new_call')}</a>{' '}
        <a href={`${adminPath}/cohorts/new`} class="button secondary" safe>{ctx.t('programme.operator.new_cohort')}</a>
      </p>
      <section id="cohorts">
        {cohorts.map((cohort) => (
          <section class="card">
            <h2><Localized ctx={ctx} text={cohort.title} /></h2>
            <p class="muted" safe>{`${ctx.t('programme.operator.path', { starts: formatDate(cohort.path_starts_on, ctx.locale), ends: formatDate(cohort.path_ends_on, ctx.locale) })}${cohort.volunteers_abroad_only ? ` · ${ctx.t('programme.operator.abroad_only')}` : ''}`}</p>
            <table>
              <thead><tr><th safe>{ctx.t('programme.operator.call')}</th><th safe>{ctx.t('programme.operator.state')}</th><th safe>{ctx.t('programme.operator.applications')}</th></tr></thead>
              <tbody>
                {calls.filter((c) => c.cohort_id === cohort.id).map((call) => (
                  <tr>
                    <td><a href={adminCallPath(call.slug)}><Localized ctx={ctx} text={call.title} /></a></td>
                    <td safe>{ctx.t(stateKeys[callState(call, now)])}</td>
                    <td><Counts ctx={ctx} counts={counts.get(call.id) ?? {}} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p><a href={`${adminPath}/cohorts/${cohort.slug}/deployments`} safe>{ctx.t('programme.operator.deployments')}</a></p>
          </section>
        ))}
      </section>
    </AdminLayout>
  );
}

const cohortLabels = (ctx: ViewContext) => ({ slug: ctx.t('programme.operator.slug'), title_fr: ctx.t('programme.operator.title'), path_starts_on: ctx.t('programme.operator.path_starts'), path_ends_on: ctx.t('programme.operator.path_ends') });

export function CohortFormPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('programme.operator.new_cohort')}>
      <ErrorSummary ctx={ctx} form={form} labels={cohortLabels(ctx)} />
      <form method="post" id="cohort-form">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="slug" label={ctx.t('programme.operator.slug')} hint={ctx.t('programme.operator.slug_hint')} />
        <LocalizedInputs ctx={ctx} form={form} name="title" label={ctx.t('programme.operator.title')} />
        <Field ctx={ctx} form={form} name="path_starts_on" type="date" label={ctx.t('programme.operator.path_starts')} />
        <Field ctx={ctx} form={form} name="path_ends_on" type="date" label={ctx.t('programme.operator.path_ends')} />
        <Checkbox name="volunteers_abroad_only" label={ctx.t('programme.operator.abroad_only')} checked={form.values.volunteers_abroad_only === 'on'} />
        <button type="submit" safe>{ctx.t('programme.operator.create')}</button>
      </form>
    </AdminLayout>
  );
}

const callLabels = (ctx: ViewContext) => ({ cohort_id: ctx.t('programme.operator.cohort'), audience: ctx.t('programme.operator.audience'), slug: ctx.t('programme.operator.slug'), title_fr: ctx.t('programme.operator.title'), opens_on: ctx.t('programme.operator.opens_on'), closes_on: ctx.t('programme.operator.closes_on') });

export function CallFormPage({ ctx, form, cohorts, call }: { ctx: ViewContext; form: FormState; cohorts: CohortRow[]; call?: CallRow }) {
  return (
    <AdminLayout ctx={ctx} title={call ? textIn(ctx, call.title) : ctx.t('programme.operator.new_call')}>
      <ErrorSummary ctx={ctx} form={form} labels={callLabels(ctx)} />
      <form method="post" id="call-form">
        <CsrfField ctx={ctx} />
        <Select ctx={ctx} form={form} name="cohort_id" label={ctx.t('programme.operator.cohort')} options={cohorts.map((c) => [c.id, textIn(ctx, c.title)])} />
        <Select ctx={ctx} form={form} name="audience" label={ctx.t('programme.operator.audience')} options={(['communes', 'volunteers'] as const).map((a) => [a, ctx.t(audienceKeys[a])])} />
        <Field ctx={ctx} form={form} name="slug" label={ctx.t('programme.operator.slug')} hint={ctx.t('programme.operator.slug_hint')} />
        <LocalizedInputs ctx={ctx} form={form} name="title" label={ctx.t('programme.operator.title')} />
        <fieldset>
          <legend safe>{ctx.t('programme.operator.description')}</legend>
          {locales.map((l) => <Field ctx={ctx} form={form} name={`description_${l}`} label={localeNames[l]} multiline dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
        </fieldset>
        <fieldset>
          <legend safe>{ctx.t('programme.call.eligibility')}</legend>
          {locales.map((l) => <Field ctx={ctx} form={form} name={`eligibility_${l}`} label={localeNames[l]} multiline dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
        </fieldset>
        <Field ctx={ctx} form={form} name="opens_on" type="date" label={ctx.t('programme.operator.opens_on')} />
        <Field ctx={ctx} form={form} name="closes_on" type="date" label={ctx.t('programme.operator.closes_on')} />
        <fieldset>
          <legend safe>{ctx.t('programme.operator.languages')}</legend>
          {locales.map((l) => <Checkbox name={`lang_${l}`} label={localeNames[l]} checked={l === 'fr' || form.values[`lang_${l}`] === 'on'} disabled={l === 'fr'} />)}
        </fieldset>
        <button type="submit" safe>{ctx.t('core.form.save')}</button>
      </form>
    </AdminLayout>
  );
}

const fieldLabels = (ctx: ViewContext) => ({ key: ctx.t('programme.builder.key'), kind: ctx.t('programme.builder.kind'), label_fr: ctx.t('programme.builder.label'), max_length: ctx.t('programme.builder.max_length'), min_value: ctx.t('programme.builder.min'), max_value: ctx.t('programme.builder.max'), options: ctx.t('programme.builder.options'), purpose: ctx.t('programme.builder.needs') });

/** The builder's form for one field: a new one, or an existing one to edit. */
export function FieldForm({ ctx, form, action, call, id }: { ctx: ViewContext; form: FormState; action: string; call: CallRow; id: string }) {
  return (
    <form method="post" action={action} id={id}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={fieldLabels(ctx)} />
      <Field ctx={ctx} form={form} name="key" label={ctx.t('programme.builder.key')} hint={ctx.t('programme.builder.key_hint')} />
      <Select ctx={ctx} form={form} name="kind" label={ctx.t('programme.builder.kind')} options={fieldKinds.map((k) => [k, ctx.t(kindKeys[k])])} />
      <LocalizedInputs ctx={ctx} form={form} name="label" label={ctx.t('programme.builder.label')} />
      <LocalizedInputs ctx={ctx} form={form} name="help" label={ctx.t('programme.builder.help')} />
      <Checkbox name="required" label={ctx.t('programme.field.required')} checked={form.values.required === 'on'} />
      <Field ctx={ctx} form={form} name="max_length" label={ctx.t('programme.builder.max_length')} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="min_value" label={ctx.t('programme.builder.min')} />
      <Field ctx={ctx} form={form} name="max_value" label={ctx.t('programme.builder.max')} />
      <Field ctx={ctx} form={form} name="options" label={ctx.t('programme.builder.options')} hint={ctx.t('programme.builder.options_hint')} multiline />
      {call.audience === 'communes' ? (
        <div class="field">
          <input type="checkbox" id="purpose" name="purpose" value="needs" checked={form.values.purpose === 'needs'} />
          <label for="purpose" safe>{ctx.t('programme.builder.needs')}</label>
        </div>
      ) : (
        ''
      )}
      <button type="submit" safe>{ctx.t('core.form.save')}</button>
    </form>
  );
}

function FieldActions({ ctx, call, field, locked }: { ctx: ViewContext; call: CallRow; field: FieldRow; locked: boolean }) {
  const base = `${adminCallPath(call.slug)}/fields/${field.id}`;
  const post = (path: string, label: string, extra?: [string, string]) => (
    <form method="post" action={`${base}/${path}`} class="inline">
      <CsrfField ctx={ctx} />
      {extra ? <input type="hidden" name={extra[0]} value={extra[1]} /> : ''}
      <button type="submit" class="secondary" safe>{label}</button>
    </form>
  );
  return (
    <span class="field-actions">
      <a href={base} safe>{ctx.t('programme.builder.edit')}</a> {post('move', ctx.t('programme.builder.up'), ['direction', 'up'])} {post('move', ctx.t('programme.builder.down'), ['direction', 'down'])}{' '}
      {locked ? '' : post('remove', ctx.t('programme.builder.remove'))}
    </span>
  );
}

export interface CallAdminData {
  call: CallRow;
  fields: FieldRow[];
  counts: StatusCounts;
  locked: boolean;
}

export function CallAdminPage({ ctx, data, fieldForm, problem }: { ctx: ViewContext; data: CallAdminData; fieldForm: FormState; problem?: string }) {
  const { call, fields, locked } = data;
  const base = adminCallPath(call.slug);
  return (
    <AdminLayout ctx={ctx} title={textIn(ctx, call.title)}>
      {problem ? <Notice kind="error"><p safe>{ctx.t(problem)}</p></Notice> : ''}
      <p safe>{`${ctx.t(stateKeys[callState(call, new Date())])} · ${ctx.t(audienceKeys[call.audience])} · ${ctx.t('programme.call.dates', { opens: formatDate(call.opens_on, ctx.locale), closes: formatDate(call.closes_on, ctx.locale) })}`}</p>
      <ul id="call-links">
        <li><a href={`${base}/edit`} safe>{ctx.t('programme.operator.edit_call')}</a></li>
        <li><a href={`${base}/applications`} safe>{ctx.t('programme.operator.applications')}</a></li>
        <li><a href={`${base}/paper`} safe>{ctx.t('programme.paper.title')}</a></li>
        <li><a href={`${callPath(call.slug)}/statistics`} safe>{ctx.t('programme.stats.title')}</a></li>
        <li><a href={callPath(call.slug)} safe>{ctx.t('programme.operator.public_page')}</a></li>
      </ul>
      <form method="post" action={`${base}/${call.published_at ? 'unpublish' : 'publish'}`} id="publish-form">
        <CsrfField ctx={ctx} />
        <button type="submit" safe>{ctx.t(call.published_at ? 'programme.operator.unpublish' : 'programme.operator.publish')}</button>
      </form>
      <h2 safe>{ctx.t('programme.builder.title')}</h2>
      {locked ? <Notice><p id="form-locked" safe>{ctx.t('programme.builder.locked')}</p></Notice> : ''}
      <ol id="builder-fields">
        {fields.map((field) => (
          <li>
            <strong><Localized ctx={ctx} text={field.label} /></strong> <code safe>{field.key}</code>{' '}
            <small class="muted" safe>{`(${ctx.t(kindKeys[field.kind])}${field.required ? `, ${ctx.t('programme.field.required')}` : ''})`}</small> <FieldActions ctx={ctx} call={call} field={field} locked={locked} />
          </li>
        ))}
      </ol>
      <h3 safe>{ctx.t('programme.builder.add')}</h3>
      <FieldForm ctx={ctx} form={fieldForm} action={`${base}/fields`} call={call} id="add-field" />
    </AdminLayout>
  );
}

export function FieldEditPage({ ctx, call, form, action, locked }: { ctx: ViewContext; call: CallRow; form: FormState; action: string; locked: boolean }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('programme.builder.edit')}>
      <p><a href={adminCallPath(call.slug)}><Localized ctx={ctx} text={call.title} /></a></p>
      {locked ? <Notice><p safe>{ctx.t('programme.builder.locked')}</p></Notice> : ''}
      <FieldForm ctx={ctx} form={form} action={action} call={call} id="edit-field" />
    </AdminLayout>
  );
}
