import type { FormState } from '../../../platform/http/forms.js';
import { localeNames, locales } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { maxDocumentsPerPractice } from './commands.js';
import { type ModuleTag, moduleLabel, principleKeys } from './labels.js';
import type { PracticeDocument } from './queries.js';
import { principles, type PracticeRow } from './tables.js';

export const adminPracticesPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/network/practices`;

const statusKey = (status: string) => (status === 'published' ? 'network.practices.status_published' : 'network.practices.status_draft');

export function AdminPracticesPage({ ctx, practices }: { ctx: ViewContext; practices: PracticeRow[] }) {
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('network.practices.admin_title')}>
      <h1 safe>{ctx.t('network.practices.admin_title')}</h1>
      <p safe>{ctx.t('network.practices.admin_intro')}</p>
      <p><a class="btn" href={`${adminPracticesPath(ctx)}/new`} safe>{ctx.t('network.practices.new')}</a></p>
      {practices.length === 0 ? <p class="muted" safe>{ctx.t('network.practices.none_yet')}</p> : (
        <ul id="admin-practices">
          {practices.map((p) => (
            <li>
              <a href={`${adminPracticesPath(ctx)}/${p.id}`}><Localized ctx={ctx} text={p.title} /></a>{' '}
              <span class={p.status === 'published' ? 'badge badge-success' : 'badge badge-muted'} safe>{ctx.t(statusKey(p.status))}</span>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/network/practices" safe>{ctx.t('network.practices.library_link')}</a></p>
    </Layout>
  );
}

/** One input (or text area) per language; any one language is enough. */
function TranslatedFields({ ctx, form, name, label, multiline, hint }: { ctx: ViewContext; form: FormState; name: string; label: string; multiline?: boolean; hint?: string }) {
  return (
    <fieldset>
      <legend safe>{label}</legend>
      {hint ? <p class="field-hint" safe>{hint}</p> : ''}
      {locales.map((locale) => (
        <Field ctx={ctx} form={form} name={`${name}_${locale}`} label={`${label} (${localeNames[locale]})`} multiline={multiline} dir={locale === 'ar' ? 'rtl' : 'auto'} />
      ))}
    </fieldset>
  );
}

function Checkboxes({ ctx, form, name, legend, options, checked }: { ctx: ViewContext; form: FormState; name: string; legend: string; options: [string, string][]; checked: string[] }) {
  const error = form.errors[name];
  return (
    <fieldset id={name}>
      <legend safe>{legend}</legend>
      {error ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(error)}</p> : ''}
      {options.map(([value, label]) => (
        <div class="field">
          <input type="checkbox" id={`${name}-${value}`} name={name} value={value} checked={checked.includes(value)} />
          <label for={`${name}-${value}`} safe>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export interface PracticeFormProps {
  form: FormState;
  checked: { principles: string[]; modules: string[] };
  modules: ModuleTag[];
  practice?: PracticeRow;
  documents?: PracticeDocument[];
  documentForm?: FormState;
}

function PracticeFields({ ctx, props }: { ctx: ViewContext; props: PracticeFormProps }) {
  const { form } = props;
  return (
    <>
      <TranslatedFields ctx={ctx} form={form} name="title" label={ctx.t('network.practices.field_title')} hint={ctx.t('network.practices.languages_hint')} />
      <TranslatedFields ctx={ctx} form={form} name="summary" label={ctx.t('network.practices.field_summary')} multiline />
      <TranslatedFields ctx={ctx} form={form} name="body" label={ctx.t('network.practices.field_body')} hint={ctx.t('network.practices.markdown_hint')} multiline />
      <TranslatedFields ctx={ctx} form={form} name="results" label={ctx.t('network.practices.field_results')} multiline />
      <Checkboxes ctx={ctx} form={form} name="principles" legend={ctx.t('network.practices.field_principles')} options={principles.map((p) => [p, ctx.t(principleKeys[p])])} checked={props.checked.principles} />
      <Checkboxes ctx={ctx} form={form} name="modules" legend={ctx.t('network.practices.field_modules')} options={props.modules.map((m) => [m.id, moduleLabel(ctx, props.modules, m.id)])} checked={props.checked.modules} />
      <fieldset>
        <legend safe>{ctx.t('network.practices.field_contact')}</legend>
        <p class="field-hint" id="contact-public" safe>{ctx.t('network.practices.contact_public_hint')}</p>
        <Field ctx={ctx} form={form} name="contact_name" label={ctx.t('network.practices.field_contact_name')} />
        <Field ctx={ctx} form={form} name="contact_role" label={ctx.t('network.practices.field_contact_role')} />
        <Field ctx={ctx} form={form} name="contact_email" type="email" label={ctx.t('network.practices.field_contact_email')} dir="ltr" />
        <Field ctx={ctx} form={form} name="contact_phone" type="tel" label={ctx.t('network.practices.field_contact_phone')} dir="ltr" />
      </fieldset>
    </>
  );
}

function StatusForm({ ctx, practice }: { ctx: ViewContext; practice: PracticeRow }) {
  const next = practice.status === 'published' ? 'draft' : 'published';
  return (
    <form method="post" action={`${adminPracticesPath(ctx)}/${practice.id}/status`} id="status-form" class="card">
      <CsrfField ctx={ctx} />
      <p>
        <span safe>{ctx.t('network.practices.status_label')}</span>{' '}
        <strong safe>{ctx.t(statusKey(practice.status))}</strong>
      </p>
      <input type="hidden" name="status" value={next} />
      <button type="submit" class="btn" safe>{ctx.t(next === 'published' ? 'network.practices.publish' : 'network.practices.unpublish')}</button>
      {practice.status === 'published' ? <p><a href={`/network/practices/${practice.id}`} safe>{ctx.t('network.practices.view_public')}</a></p> : ''}
    </form>
  );
}

function DocumentsSection({ ctx, practice, documents, form }: { ctx: ViewContext; practice: PracticeRow; documents: PracticeDocument[]; form: FormState }) {
  const action = `${adminPracticesPath(ctx)}/${practice.id}/documents`;
  return (
    <section id="documents" aria-labelledby="documents-title">
      <h2 id="documents-title" safe>{ctx.t('network.practices.documents')}</h2>
      {documents.length === 0 ? <p class="muted" safe>{ctx.t('network.practices.no_documents')}</p> : (
        <ul>
          {documents.map((d) => (
            <li>
              <a href={`/files/${d.file_id}`} safe>{d.title}</a>{' '}
              <form method="post" action={`${action}/${d.id}/remove`} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" class="btn-link" safe>{ctx.t('network.practices.remove_document')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {documents.length >= maxDocumentsPerPractice ? <Notice><span safe>{ctx.t('network.practices.documents_full', { max: String(maxDocumentsPerPractice) })}</span></Notice> : (
        <form method="post" action={`${action}?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" id="document-form" class="card">
          <ErrorSummary ctx={ctx} form={form} labels={{ document_title: ctx.t('network.practices.document_title'), document_file: ctx.t('network.practices.document_file') }} />
          <Field ctx={ctx} form={form} name="document_title" label={ctx.t('network.practices.document_title')} />
          <div class="field">
            <label for="document_file" safe>{ctx.t('network.practices.document_file')}</label>
            <p class="field-hint" safe>{ctx.t('network.practices.document_hint')}</p>
            {form.errors.document_file ? <p class="field-error" id="document_file-error" safe>{ctx.t(form.errors.document_file)}</p> : ''}
            <input type="file" id="document_file" name="document_file" accept="application/pdf,image/jpeg,image/png,image/webp" />
          </div>
          <button type="submit" class="btn" safe>{ctx.t('network.practices.add_document')}</button>
        </form>
      )}
    </section>
  );
}

export function PracticeFormPage({ ctx, props }: { ctx: ViewContext; props: PracticeFormProps }) {
  const { practice } = props;
  const title = ctx.t(practice ? 'network.practices.edit' : 'network.practices.new');
  const labels = { title_fr: ctx.t('network.practices.field_title'), principles: ctx.t('network.practices.field_principles'), modules: ctx.t('network.practices.field_modules'), contact_email: ctx.t('network.practices.field_contact_email'), contact_phone: ctx.t('network.practices.field_contact_phone') };
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={adminPracticesPath(ctx)} safe>{ctx.t('network.practices.back')}</a></p>
      <h1 safe>{title}</h1>
      {practice ? <StatusForm ctx={ctx} practice={practice} /> : ''}
      <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
      <form method="post" action={practice ? `${adminPracticesPath(ctx)}/${practice.id}` : adminPracticesPath(ctx)} id="practice-form">
        <CsrfField ctx={ctx} />
        <PracticeFields ctx={ctx} props={props} />
        <button type="submit" class="btn" safe>{ctx.t('network.practices.save')}</button>
      </form>
      {practice ? <DocumentsSection ctx={ctx} practice={practice} documents={props.documents ?? []} form={props.documentForm ?? { values: {}, errors: {} }} /> : ''}
    </Layout>
  );
}
