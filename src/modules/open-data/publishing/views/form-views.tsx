import type { FormState } from '../../../../platform/http/forms.js';
import { localeNames } from '../../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, SelectField } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import { dataThemes, updateFrequencies } from '../../db/tables.js';
import { licences } from '../../licences.js';
import { optionalLocales } from '../form.js';
import { frequencyLabelKeys, themeLabelKeys } from '../../vocabulary-labels.js';

export const adminDataBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/data`;

export interface DatasetFormProps {
  form: FormState;
  /** The ticked themes (a list, which FormState's strings cannot hold). */
  themes: string[];
  /** Undefined when creating. */
  datasetId?: string;
}

function fieldLabels(ctx: ViewContext): Record<string, string> {
  const labels: Record<string, string> = {
    name: ctx.t('open-data.publishing.field_name'),
    themes: ctx.t('open-data.publishing.field_themes'),
    keywords: ctx.t('open-data.publishing.field_keywords'),
    licence_id: ctx.t('open-data.publishing.field_licence'),
    contact_name: ctx.t('open-data.publishing.field_contact_name'),
    contact_email: ctx.t('open-data.publishing.field_contact_email'),
    temporal_start: ctx.t('open-data.publishing.field_temporal_start'),
    temporal_end: ctx.t('open-data.publishing.field_temporal_end'),
    spatial: ctx.t('open-data.publishing.field_spatial'),
    frequency: ctx.t('open-data.publishing.field_frequency'),
    version: ctx.t('open-data.publishing.field_version'),
  };
  for (const locale of ['fr', ...optionalLocales] as const) {
    labels[`title_${locale}`] = ctx.t('open-data.publishing.field_title', { language: localeNames[locale] });
    labels[`description_${locale}`] = ctx.t('open-data.publishing.field_description', { language: localeNames[locale] });
  }
  return labels;
}

function Themes({ ctx, form, themes }: { ctx: ViewContext; form: FormState; themes: string[] }) {
  return (
    <fieldset id="themes">
      <legend safe>{ctx.t('open-data.publishing.field_themes')}</legend>
      {form.errors.themes ? <p class="field-error" safe>{ctx.t(form.errors.themes)}</p> : ''}
      {dataThemes.map((theme) => (
        <label class="checkbox">
          <input type="checkbox" name="themes" value={theme} checked={themes.includes(theme)} />
          <span safe>{ctx.t(themeLabelKeys[theme]!)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function LocalizedFields({ ctx, form, labels }: { ctx: ViewContext; form: FormState; labels: Record<string, string> }) {
  return (
    <>
      {(['fr', ...optionalLocales] as const).map((locale) => (
        <fieldset lang={locale} dir={locale === 'ar' ? 'rtl' : 'auto'}>
          <legend safe>{localeNames[locale]}</legend>
          <Field ctx={ctx} form={form} name={`title_${locale}`} label={labels[`title_${locale}`]!} required={locale === 'fr'} />
          <Field ctx={ctx} form={form} name={`description_${locale}`} label={labels[`description_${locale}`]!} required={locale === 'fr'} multiline />
        </fieldset>
      ))}
    </>
  );
}

export function DatasetFormPage({ ctx, props }: { ctx: ViewContext; props: DatasetFormProps }) {
  const { form } = props;
  const labels = fieldLabels(ctx);
  const title = ctx.t(props.datasetId ? 'open-data.publishing.edit' : 'open-data.publishing.new');
  const action = props.datasetId ? `${adminDataBase(ctx)}/${props.datasetId}/edit` : adminDataBase(ctx);
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={adminDataBase(ctx)} safe>{ctx.t('open-data.publishing.back')}</a></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} id="dataset-form">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="name" label={labels.name!} hint={ctx.t('open-data.publishing.field_name_hint')} />
        <LocalizedFields ctx={ctx} form={form} labels={labels} />
        <Themes ctx={ctx} form={form} themes={props.themes} />
        <Field ctx={ctx} form={form} name="keywords" label={labels.keywords!} hint={ctx.t('open-data.publishing.field_keywords_hint')} />
        <SelectField ctx={ctx} form={form} name="licence_id" label={labels.licence_id!} options={licences.map((l) => [l.id, l.title])} />
        <Field ctx={ctx} form={form} name="contact_name" label={labels.contact_name!} />
        <Field ctx={ctx} form={form} name="contact_email" label={labels.contact_email!} type="email" autocomplete="email" />
        <Field ctx={ctx} form={form} name="temporal_start" label={labels.temporal_start!} type="date" />
        <Field ctx={ctx} form={form} name="temporal_end" label={labels.temporal_end!} type="date" />
        <Field ctx={ctx} form={form} name="spatial" label={labels.spatial!} />
        <SelectField ctx={ctx} form={form} name="frequency" label={labels.frequency!} options={updateFrequencies.map((f) => [f, ctx.t(frequencyLabelKeys[f]!)])} />
        <Field ctx={ctx} form={form} name="version" label={labels.version!} />
        <button type="submit" safe>{ctx.t('open-data.publishing.save')}</button>
      </form>
    </Layout>
  );
}
