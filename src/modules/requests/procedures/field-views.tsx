import { Checkbox, LocalizedInputs, Select } from '../../../platform/administration/form-parts.js';
import { type FieldKind, fieldKinds } from '../../../platform/forms/typed-fields.js';
import type { FormState } from '../../../platform/http/forms.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { ProcedureField } from './tables.js';

export const formsBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/requests/procedure-forms`;

export const kindKeys: Record<FieldKind, string> = {
  text: 'requests.procedure.fields.kind_text',
  long_text: 'requests.procedure.fields.kind_long_text',
  choice: 'requests.procedure.fields.kind_choice',
  file: 'requests.procedure.fields.kind_file',
  yes_no: 'requests.procedure.fields.kind_yes_no',
  number: 'requests.procedure.fields.kind_number',
};

export interface ProcedureSummary {
  id: string;
  title: LocalizedText;
  fieldCount: number;
}

/** Every procedure of the catalogue with the number of fields of its request form. */
export function ProcedureFormsPage({ ctx, procedures }: { ctx: ViewContext; procedures: ProcedureSummary[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.procedure.fields.title')} area="admin">
      <h1 safe>{ctx.t('requests.procedure.fields.title')}</h1>
      <p safe>{ctx.t('requests.procedure.fields.intro')}</p>
      <ul id="procedure-forms">
        {procedures.map((p) => (
          <li>
            <a href={`${formsBase(ctx)}/${p.id}`}><Localized ctx={ctx} text={p.title} /></a> <small class="muted" safe>{ctx.t('requests.procedure.fields.count', { count: p.fieldCount })}</small>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const fieldLabels = (ctx: ViewContext) => ({
  key: ctx.t('requests.procedure.fields.key'),
  kind: ctx.t('requests.procedure.fields.kind'),
  label_fr: ctx.t('requests.procedure.fields.label'),
  required: ctx.t('requests.procedure.fields.required'),
  max_length: ctx.t('requests.procedure.fields.max_length'),
  min_value: ctx.t('requests.procedure.fields.min'),
  max_value: ctx.t('requests.procedure.fields.max'),
  options: ctx.t('requests.procedure.fields.options'),
});

/** The form for one field: a new one, or an existing one to edit. */
function FieldForm({ ctx, form, action, id }: { ctx: ViewContext; form: FormState; action: string; id: string }) {
  return (
    <form method="post" action={action} id={id}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={fieldLabels(ctx)} />
      <Field ctx={ctx} form={form} name="key" label={ctx.t('requests.procedure.fields.key')} hint={ctx.t('requests.procedure.fields.key_hint')} />
      <Select ctx={ctx} form={form} name="kind" label={ctx.t('requests.procedure.fields.kind')} options={fieldKinds.map((k) => [k, ctx.t(kindKeys[k])])} />
      <LocalizedInputs ctx={ctx} form={form} name="label" label={ctx.t('requests.procedure.fields.label')} />
      <LocalizedInputs ctx={ctx} form={form} name="help" label={ctx.t('requests.procedure.fields.help')} />
      {form.errors.required ? <p class="field-error" safe>{ctx.t(form.errors.required)}</p> : ''}
      <Checkbox name="required" label={ctx.t('requests.procedure.fields.required')} checked={form.values.required === 'on'} />
      <Field ctx={ctx} form={form} name="max_length" label={ctx.t('requests.procedure.fields.max_length')} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="min_value" label={ctx.t('requests.procedure.fields.min')} />
      <Field ctx={ctx} form={form} name="max_value" label={ctx.t('requests.procedure.fields.max')} />
      <Field ctx={ctx} form={form} name="options" label={ctx.t('requests.procedure.fields.options')} hint={ctx.t('requests.procedure.fields.options_hint')} multiline />
      <button type="submit" safe>{ctx.t('core.form.save')}</button>
    </form>
  );
}

export interface FieldBuilderProps {
  procedure: { id: string; title: LocalizedText };
  fields: ProcedureField[];
  filed: number;
  form: FormState;
  notice?: string;
}

/** A procedure's request form: its fields in order, each editable, and the form to add one. */
export function FieldBuilderPage({ ctx, props }: { ctx: ViewContext; props: FieldBuilderProps }) {
  const base = `${formsBase(ctx)}/${props.procedure.id}`;
  return (
    <Layout ctx={ctx} title={ctx.t('requests.procedure.fields.title')} area="admin">
      <p><a href={formsBase(ctx)} safe>{ctx.t('requests.procedure.fields.title')}</a></p>
      <h1><Localized ctx={ctx} text={props.procedure.title} /></h1>
      {props.notice ? <Notice kind="error"><span safe>{ctx.t(props.notice)}</span></Notice> : ''}
      {props.filed > 0 ? <p class="muted" safe>{ctx.t('requests.procedure.fields.locked_notice', { count: props.filed })}</p> : ''}
      <ol id="procedure-fields">
        {props.fields.map((field) => (
          <li>
            <strong><Localized ctx={ctx} text={field.label} /></strong> <code safe>{field.key}</code>{' '}
            <small class="muted" safe>{`(${ctx.t(kindKeys[field.kind])}${field.required ? `, ${ctx.t('requests.procedure.fields.required')}` : ''})`}</small>{' '}
            <a href={`${base}/fields/${field.id}`} safe>{ctx.t('requests.procedure.fields.edit')}</a>{' '}
            <form method="post" action={`${base}/fields/${field.id}/remove`} class="inline">
              <CsrfField ctx={ctx} />
              <button type="submit" class="secondary" safe>{ctx.t('requests.procedure.fields.remove')}</button>
            </form>
          </li>
        ))}
      </ol>
      <h2 safe>{ctx.t('requests.procedure.fields.add')}</h2>
      <FieldForm ctx={ctx} form={props.form} action={`${base}/fields`} id="add-field" />
    </Layout>
  );
}

export function FieldEditPage({ ctx, procedure, form, fieldId }: { ctx: ViewContext; procedure: { id: string; title: LocalizedText }; form: FormState; fieldId: string }) {
  const base = `${formsBase(ctx)}/${procedure.id}`;
  return (
    <Layout ctx={ctx} title={ctx.t('requests.procedure.fields.edit')} area="admin">
      <p><a href={base}><Localized ctx={ctx} text={procedure.title} /></a></p>
      <h1 safe>{ctx.t('requests.procedure.fields.edit')}</h1>
      <FieldForm ctx={ctx} form={form} action={`${base}/fields/${fieldId}`} id="edit-field" />
    </Layout>
  );
}
