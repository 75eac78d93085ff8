import type { Children } from '@kitajs/html';
import type { FormState } from '../../../platform/http/forms.js';
import { TypedFieldInput } from '../../../platform/forms/typed-field-views.js';
import { inputName } from '../../../platform/forms/typed-fields.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { AnswersList, applicationFilePath } from '../applications/answers.js';
import type { Answers, ApplicationStatus, CallRow, FieldRow } from '../db/tables.js';
import { countryName, countryOptions } from './countries.js';
import { callPath } from './public-views.js';
import type { FullApplicationRow } from './tables.js';

/** Localized text as a plain string, for labels of form controls (escaped where they are printed). */
export const textIn = (ctx: ViewContext, text: LocalizedText | null | undefined) => pickLocalized(text, ctx.locale, locales)?.value ?? '';

export const statusKeys: Record<ApplicationStatus, string> = {
  draft: 'programme.status.draft',
  submitted: 'programme.status.submitted',
  shortlisted: 'programme.status.shortlisted',
  selected: 'programme.status.selected',
  rejected: 'programme.status.rejected',
  withdrawn: 'programme.status.withdrawn',
};
export const genderKeys = { female: 'programme.apply.gender_female', male: 'programme.apply.gender_male', other: 'programme.apply.gender_other' } as const;

export interface ApplicationFormProps {
  call: CallRow;
  fields: FieldRow[];
  form: FormState;
  files: Answers;
  action: string;
  /** Communes on this install the signed-in person administers (commune calls only). */
  communes: { id: string; name: string }[];
  problem?: string;
  /** Paper entry: one button, the application is submitted at once. */
  paper?: boolean;
}

function IdentityFields({ ctx, props }: { ctx: ViewContext; props: ApplicationFormProps }) {
  const { form, call } = props;
  const forCommune = call.audience === 'communes';
  return (
    <fieldset>
      <legend safe>{ctx.t(forCommune ? 'programme.apply.identity_commune' : 'programme.apply.identity')}</legend>
      {forCommune && props.communes.length > 0 ? (
        <SelectField ctx={ctx} form={form} name="commune_id" label={ctx.t('programme.apply.commune_pick')} options={props.communes.map((c) => [c.id, c.name])} empty={ctx.t('programme.apply.commune_other')} />
      ) : (
        ''
      )}
      <Field ctx={ctx} form={form} name="applicant_name" label={ctx.t(forCommune ? 'programme.apply.commune_name' : 'programme.apply.name')} required autocomplete={forCommune ? undefined : 'name'} />
      <Field ctx={ctx} form={form} name="contact" label={ctx.t('programme.apply.contact')} hint={ctx.t('programme.apply.contact_hint')} />
      <SelectField ctx={ctx} form={form} name="country" label={ctx.t('programme.apply.country')} options={countryOptions(ctx.locale)} empty={ctx.t('programme.apply.choose')} />
      {forCommune ? (
        ''
      ) : (
        <>
          <SelectField ctx={ctx} form={form} name="gender" label={ctx.t('programme.apply.gender')} options={(['female', 'male', 'other'] as const).map((g) => [g, ctx.t(genderKeys[g])])} empty={ctx.t('programme.apply.choose')} />
          <Field ctx={ctx} form={form} name="birth_year" label={ctx.t('programme.apply.birth_year')} inputmode="numeric" />
        </>
      )}
    </fieldset>
  );
}

/** Labels of every input, for the error summary's links. */
function errorLabels(ctx: ViewContext, fields: FieldRow[]): Record<string, string> {
  const labels: Record<string, string> = {
    applicant_name: ctx.t('programme.apply.name'),
    contact: ctx.t('programme.apply.contact'),
    country: ctx.t('programme.apply.country'),
    gender: ctx.t('programme.apply.gender'),
    birth_year: ctx.t('programme.apply.birth_year'),
  };
  for (const field of fields) labels[inputName(field)] = textIn(ctx, field.label);
  return labels;
}

/** The application form (online and on paper): a plain multipart form, so it works without JavaScript. */
export function ApplicationForm({ ctx, props }: { ctx: ViewContext; props: ApplicationFormProps }) {
  const action = `${props.action}?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return (
    <>
      {props.problem ? <Notice kind="error"><p safe>{ctx.t(props.problem)}</p></Notice> : ''}
      <ErrorSummary ctx={ctx} form={props.form} labels={errorLabels(ctx, props.fields)} />
      <form method="post" action={action} enctype="multipart/form-data" id="application-form" novalidate>
        <CsrfField ctx={ctx} />
        <IdempotencyField ctx={ctx} />
        <IdentityFields ctx={ctx} props={props} />
        <fieldset>
          <legend safe>{ctx.t('programme.apply.questions')}</legend>
          {props.fields.map((field) => <TypedFieldInput ctx={ctx} form={props.form} field={field} files={props.files} filePath={applicationFilePath} />)}
        </fieldset>
        <p class="actions">
          {props.paper ? (
            <button type="submit" name="action" value="submit" safe>{ctx.t('programme.paper.save')}</button>
          ) : (
            <>
              <button type="submit" name="action" value="draft" class="secondary" safe>{ctx.t('programme.apply.save_draft')}</button>{' '}
              <button type="submit" name="action" value="submit" safe>{ctx.t('programme.apply.submit')}</button>
            </>
          )}
        </p>
      </form>
    </>
  );
}

export function ApplyPage({ ctx, props, children }: { ctx: ViewContext; props: ApplicationFormProps; children?: Children }) {
  return (
    <LayoutFor ctx={ctx} call={props.call}>
      {children}
      <p safe>{ctx.t('programme.apply.intro')}</p>
      <ApplicationForm ctx={ctx} props={props} />
    </LayoutFor>
  );
}

function LayoutFor({ ctx, call, children }: { ctx: ViewContext; call: CallRow; children?: Children }) {
  const title = textIn(ctx, call.title);
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={callPath(call.slug)} safe>{title}</a></p>
      <h1 safe>{ctx.t('programme.apply.title')}</h1>
      {children}
    </Layout>
  );
}

/** What an application says: reference, status in words, dates, identity and answers. */
export function ApplicationSummary({ ctx, application, fields }: { ctx: ViewContext; application: FullApplicationRow; fields: FieldRow[] }) {
  const date = (value: Date | null) => (value ? formatDate(value, ctx.locale) : '—');
  return (
    <>
      <dl class="facts" id="application-facts">
        <dt safe>{ctx.t('programme.apply.reference')}</dt>
        <dd class="reference" safe>{application.reference ?? '—'}</dd>
        <dt safe>{ctx.t('programme.apply.status')}</dt>
        <dd class="status" safe>{ctx.t(statusKeys[application.status])}</dd>
        <dt safe>{ctx.t('programme.apply.submitted_at')}</dt>
        <dd safe>{date(application.submitted_at)}</dd>
        <dt safe>{ctx.t('programme.apply.name')}</dt>
        <dd safe>{application.applicant_name}</dd>
        <dt safe>{ctx.t('programme.apply.country')}</dt>
        <dd safe>{`${application.country ? countryName(application.country, ctx.locale) : '—'}`}</dd>
      </dl>
      <h2 safe>{ctx.t('programme.apply.questions')}</h2>
      <AnswersList ctx={ctx} fields={fields} answers={application.answers} />
    </>
  );
}

export const canWithdraw = (application: Pick<FullApplicationRow, 'status'>) => application.status === 'submitted' || application.status === 'shortlisted';

/** The applicant's read-only view of a submitted application, with the decision once sent. */
export function MyApplicationPage({ ctx, application, call, fields, confirmed }: { ctx: ViewContext; application: FullApplicationRow; call: CallRow; fields: FieldRow[]; confirmed: boolean }) {
  const decided = application.decision_sent_at !== null && (application.status === 'selected' || application.status === 'rejected');
  return (
    <LayoutFor ctx={ctx} call={call}>
      {confirmed && application.reference ? (
        <Notice kind="success">
          <p id="confirmation" safe>{ctx.t('programme.apply.confirmation', { reference: application.reference })}</p>
        </Notice>
      ) : (
        ''
      )}
      {decided ? <Notice><p safe>{ctx.t(application.status === 'selected' ? 'programme.mine.decision_selected' : 'programme.mine.decision_rejected')}</p></Notice> : ''}
      <ApplicationSummary ctx={ctx} application={application} fields={fields} />
      {canWithdraw(application) ? (
        <form method="post" action={`/network/programme/applications/${application.id}/withdraw`}>
          <CsrfField ctx={ctx} />
          <p safe>{ctx.t('programme.mine.withdraw_hint')}</p>
          <button type="submit" class="secondary" safe>{ctx.t('programme.mine.withdraw')}</button>
        </form>
      ) : (
        ''
      )}
      <p><a href="/network/programme/applications" safe>{ctx.t('programme.mine.title')}</a></p>
    </LayoutFor>
  );
}

export type MyApplication = FullApplicationRow & { call_slug: string; call_title: LocalizedText };

export function MyApplicationsPage({ ctx, applications }: { ctx: ViewContext; applications: MyApplication[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.mine.title')}>
      <h1 safe>{ctx.t('programme.mine.title')}</h1>
      {applications.length === 0 ? <p class="muted" safe>{ctx.t('programme.mine.none')}</p> : ''}
      <ul id="my-applications" class="grid">
        {applications.map((a) => (
          <li class="card">
            <h2><Localized ctx={ctx} text={a.call_title} /></h2>
            <p>
              <strong class="status" safe>{ctx.t(statusKeys[a.status])}</strong> <span class="reference" safe>{a.reference ?? ''}</span>
            </p>
            <p class="muted" safe>
              {a.submitted_at ? ctx.t('programme.mine.submitted_on', { date: formatDate(a.submitted_at, ctx.locale) }) : ctx.t('programme.mine.updated_on', { date: formatDate(a.updated_at, ctx.locale) })}
            </p>
            {a.decision_sent_at && (a.status === 'selected' || a.status === 'rejected') ? (
              <p safe>{ctx.t(a.status === 'selected' ? 'programme.mine.decision_selected' : 'programme.mine.decision_rejected')}</p>
            ) : (
              ''
            )}
            <p>
              <a href={a.status === 'draft' ? `${callPath(a.call_slug)}/apply` : `/network/programme/applications/${a.id}`} safe>
                {ctx.t(a.status === 'draft' ? 'programme.call_page.continue' : 'programme.call_page.see')}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
