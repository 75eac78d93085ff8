import type { FormState } from '../../../platform/http/forms.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { AdminResource, FieldSpec, FormValues } from './resource.js';

const base = (ctx: ViewContext, resource: AdminResource) => `/${ctx.commune!.slug}/admin/${resource.path}`;

export function ResourceListPage({ ctx, resource, rows }: { ctx: ViewContext; resource: AdminResource; rows: Record<string, unknown>[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t(resource.titleKey)} area="admin">
      <h1 safe>{ctx.t(resource.titleKey)}</h1>
      <p class="admin-actions"><a class="btn" href={`${base(ctx, resource)}/new`} safe>{ctx.t('commune.admin.new')}</a></p>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('commune.admin.empty')}</p> : ''}
      <div class="table-wrap" tabindex="0">
        <table class="data">
          <thead><tr><th scope="col" safe>{ctx.t('commune.admin.item')}</th><th scope="col" safe>{ctx.t('commune.admin.details')}</th></tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td><a href={`${base(ctx, resource)}/${String(row.id)}/edit`} safe>{resource.rowLabel(row, ctx) || '—'}</a></td>
                <td safe>{resource.listDetails?.(row, ctx) ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

type Choices = Record<string, { value: string; label: string }[]>;

function InputFor({ ctx, field, form, choices }: { ctx: ViewContext; field: FieldSpec; form: FormState<FormValues>; choices: Choices }) {
  const label = ctx.t(field.labelKey);
  if (field.kind === 'localized' || field.kind === 'localized-markdown' || field.kind === 'localized-lines') {
    return (
      <fieldset>
        <legend safe>{label}</legend>
        {ctx.commune!.enabled_locales.map((locale) => (
          <Field
            ctx={ctx}
            form={form}
            name={`${field.name}_${locale}`}
            label={`${label} (${localeNames[locale]})`}
            multiline={field.kind !== 'localized'}
            hint={field.kind === 'localized' ? undefined : ctx.t(field.kind === 'localized-lines' ? 'commune.admin.lines_hint' : 'commune.admin.markdown_hint')}
            required={field.required && locale === ctx.commune!.default_locale}
            dir={locale === 'ar' ? 'rtl' : 'ltr'}
          />
        ))}
      </fieldset>
    );
  }
  if (field.kind === 'image' || field.kind === 'pdf') {
    return (
      <div class="field">
        <label for={field.name} safe>{label}</label>
        <p class="field-hint" id={`${field.name}-hint`} safe>{ctx.t(field.kind === 'pdf' ? 'commune.admin.pdf_hint' : 'commune.admin.image_hint')}</p>
        {form.errors[field.name] ? <p class="field-error" safe>{ctx.t(form.errors[field.name]!)}</p> : ''}
        <input type="file" id={field.name} name={field.name} accept={field.kind === 'pdf' ? 'application/pdf' : 'image/jpeg,image/png,image/webp'} aria-describedby={`${field.name}-hint`} />
      </div>
    );
  }
  if (field.kind === 'select') {
    const options = field.options ? Object.entries(field.options).map(([value, key]) => ({ value, label: ctx.t(key) })) : (choices[field.name] ?? []);
    return (
      <div class="field">
        <label for={field.name} safe>{label}</label>
        {form.errors[field.name] ? <p class="field-error" id={`${field.name}-error`} safe>{ctx.t(form.errors[field.name]!)}</p> : ''}
        <select id={field.name} name={field.name} required={field.required} aria-invalid={form.errors[field.name] ? 'true' : undefined}>
          {field.required ? '' : <option value="">—</option>}
          {options.map((o) => <option value={o.value} selected={form.values[field.name] === o.value} safe>{o.label}</option>)}
        </select>
      </div>
    );
  }
  const type = field.kind === 'datetime' ? 'datetime-local' : field.kind === 'date' ? 'date' : field.kind === 'number' ? 'number' : field.kind === 'text' ? 'text' : field.kind;
  return <Field ctx={ctx} form={form} name={field.name} label={label} type={type} required={field.required} />;
}

export interface ResourceFormProps {
  resource: AdminResource;
  form: FormState<FormValues>;
  id: string | null;
  choices: Choices;
  /** Extra buttons, e.g. publish or schedule for news. */
  submitButtons?: JSX.Element;
  /** The stored row when editing, for extra actions such as unpublish. */
  row?: Record<string, unknown>;
}

export function ResourceFormPage({ ctx, props }: { ctx: ViewContext; props: ResourceFormProps }) {
  const { resource, form, id } = props;
  const buttons = props.submitButtons ?? <button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button>;
  const action = `${base(ctx, resource)}${id ? `/${id}` : ''}?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const labels = Object.fromEntries(
    resource.fields.flatMap((f) => (f.kind.startsWith('localized') ? ctx.commune!.enabled_locales.map((l) => [`${f.name}_${l}`, `${ctx.t(f.labelKey)} (${localeNames[l]})`]) : [[f.name, ctx.t(f.labelKey)]])),
  );
  return (
    <Layout ctx={ctx} title={ctx.t(resource.titleKey)} area="admin">
      <p><a href={base(ctx, resource)} safe>{ctx.t('commune.admin.back_to_list')}</a></p>
      <h1 safe>{ctx.t(id ? 'commune.admin.edit' : 'commune.admin.new')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} enctype="multipart/form-data">
        {resource.fields.map((field) => <InputFor ctx={ctx} field={field} form={form} choices={props.choices} />)}
        <div class="form-actions">
          {buttons}
        </div>
      </form>
      {id && props.row && resource.editActions ? resource.editActions(ctx, props.row) : ''}
      {id ? (
        <form method="post" action={`${base(ctx, resource)}/${id}/delete`} class="admin-actions">
          <CsrfField ctx={ctx} />
          <button type="submit" class="btn btn-danger" safe>{ctx.t('commune.admin.delete')}</button>
        </form>
      ) : ''}
    </Layout>
  );
}

/** The council section groups three lists: elected persons, bodies, and who holds which post. */
export function CouncilHubPage({ ctx, sections }: { ctx: ViewContext; sections: AdminResource[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('commune.nav.council')} area="admin">
      <h1 safe>{ctx.t('commune.nav.council')}</h1>
      <ul class="grid">
        {sections.map((section) => (
          <li class="card">
            <a href={base(ctx, section)} safe>{ctx.t(section.titleKey)}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
