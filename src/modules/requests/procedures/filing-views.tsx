import { TypedFieldInput } from '../../../platform/forms/typed-field-views.js';
import { inputName } from '../../../platform/forms/typed-fields.js';
import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { ProcedureField } from './tables.js';

export const procedureFilePath = (ctx: ViewContext, code?: string | null) => (fileId: string) => `/${ctx.commune!.slug}/requests/procedure-files/${fileId}${code ? `?code=${encodeURIComponent(code)}` : ''}`;

const textIn = (ctx: ViewContext, text: LocalizedText) => pickLocalized(text, ctx.locale, locales)?.value ?? '';

export interface ProcedureFormProps {
  procedure: { id: string; title: LocalizedText };
  fields: ProcedureField[];
  form: FormState;
  action: string;
  maxUploadMegabytes: number;
  /** A mediator files for someone: the person's name and phone are asked too. */
  forSomeone: boolean;
}

/** The labels of the error summary: each field's label, so every message says which answer it is about. */
const errorLabels = (ctx: ViewContext, props: ProcedureFormProps) => ({
  person_name: ctx.t('requests.procedure.person_name'),
  person_phone: ctx.t('requests.procedure.person_phone'),
  ...Object.fromEntries(props.fields.map((f) => [inputName(f), textIn(ctx, f.label)])),
});

/** The procedure's request form: its fields by kind, scans where a file field allows; works without JavaScript. */
export function ProcedureFormPage({ ctx, props }: { ctx: ViewContext; props: ProcedureFormProps }) {
  const hasFiles = props.fields.some((f) => f.kind === 'file');
  const title = ctx.t('requests.procedure.form_title', { procedure: textIn(ctx, props.procedure.title) });
  return (
    <Layout ctx={ctx} title={title} area={props.forSomeone ? 'admin' : 'public'}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('requests.procedure.form_intro')}</p>
      {hasFiles ? <p class="field-hint" safe>{ctx.t('requests.procedure.file_limit', { megabytes: props.maxUploadMegabytes })}</p> : ''}
      {Object.keys(props.form.errors).length > 0 && hasFiles ? <Notice kind="info"><span safe>{ctx.t('requests.procedure.files_again')}</span></Notice> : ''}
      <form method="post" action={`${props.action}?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" id="procedure-form">
        <CsrfField ctx={ctx} />
        <IdempotencyField />
        <ErrorSummary ctx={ctx} form={props.form} labels={errorLabels(ctx, props)} />
        {props.forSomeone ? (
          <fieldset>
            <legend safe>{ctx.t('requests.procedure.person')}</legend>
            <Field ctx={ctx} form={props.form} name="person_name" label={ctx.t('requests.procedure.person_name')} required />
            <Field ctx={ctx} form={props.form} name="person_phone" label={ctx.t('requests.procedure.person_phone')} hint={ctx.t('requests.procedure.person_phone_hint')} inputmode="tel" />
          </fieldset>
        ) : (
          ''
        )}
        {props.fields.map((field) => <TypedFieldInput ctx={ctx} form={props.form} field={field} files={{}} filePath={procedureFilePath(ctx)} />)}
        <button type="submit" safe>{ctx.t('requests.procedure.submit')}</button>
      </form>
    </Layout>
  );
}

/** A procedure with no form yet: the page says so and points to the sheet. */
export function NoFormPage({ ctx, procedure }: { ctx: ViewContext; procedure: { id: string; title: LocalizedText } }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.procedure.no_form')}>
      <h1><Localized ctx={ctx} text={procedure.title} /></h1>
      <p safe>{ctx.t('requests.procedure.no_form')}</p>
      <p><a href={`/${ctx.commune!.slug}/services/${procedure.id}`} safe>{ctx.t('requests.procedure.back_to_sheet')}</a></p>
    </Layout>
  );
}
