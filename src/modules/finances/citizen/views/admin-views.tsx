import type { FormState } from '../../../../platform/http/forms.js';
import { formatDateTime } from '../../../../platform/i18n/format.js';
import { localeNames } from '../../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, SelectField } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { CitizenBudgetRow } from '../../db/tables.js';
import { type CitizenChart, citizenCharts, optionalLocales, sectionIndexes } from '../form.js';

const chartKeys: Record<CitizenChart, string> = {
  overview: 'finances.citizen.chart_overview',
  functions: 'finances.pages.functions_chart',
  sections: 'finances.pages.sections_chart',
  execution: 'finances.pages.execution_by_function',
};

export const adminCitizenPath = (ctx: ViewContext, year?: number) => `/${ctx.commune!.slug}/admin/finances/citizen${year ? `/${year}` : ''}`;

export interface CitizenListProps {
  /** Years with budget lines or a citizen budget, newest first. */
  years: number[];
  budgets: Pick<CitizenBudgetRow, 'year' | 'title' | 'published' | 'updated_at'>[];
}

export function CitizenListPage({ ctx, props }: { ctx: ViewContext; props: CitizenListProps }) {
  const title = ctx.t('finances.citizen.admin_title');
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('finances.citizen.admin_intro')}</p>
      {props.years.length === 0 ? <p class="notice" role="status" safe>{ctx.t('finances.pages.no_budget')}</p> : (
        <ul id="citizen-years">
          {props.years.map((year) => {
            const budget = props.budgets.find((b) => b.year === year);
            return (
              <li>
                <a href={adminCitizenPath(ctx, year)} safe>{ctx.t('finances.citizen.page_title', { year: String(year) })}</a>
                {' — '}
                {budget ? <Localized ctx={ctx} text={budget.title} /> : ''}
                {' '}
                <span class="muted" safe>{ctx.t(!budget ? 'finances.citizen.state_none' : budget.published ? 'finances.citizen.state_published' : 'finances.citizen.state_draft')}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}

export interface CitizenEditProps {
  year: number;
  form: FormState;
  budget: CitizenBudgetRow | undefined;
}

/** The French field first (required), the other languages folded beneath it. */
function LocalizedFields({ ctx, form, prefix, label, multiline, required }: { ctx: ViewContext; form: FormState; prefix: string; label: string; multiline?: boolean; required?: boolean }) {
  return (
    <>
      <Field ctx={ctx} form={form} name={`${prefix}_fr`} label={`${label} (${localeNames.fr})`} multiline={multiline} required={required} dir="auto" />
      <details open={optionalLocales.some((l) => form.values[`${prefix}_${l}`]) || undefined}>
        <summary safe>{ctx.t('finances.citizen.other_languages', { field: label })}</summary>
        {optionalLocales.map((locale) => (
          <Field ctx={ctx} form={form} name={`${prefix}_${locale}`} label={`${label} (${localeNames[locale]})`} multiline={multiline} dir={locale === 'ar' ? 'rtl' : 'auto'} />
        ))}
      </details>
    </>
  );
}

function sectionLabels(ctx: ViewContext): Record<string, string> {
  const labels: Record<string, string> = { title_fr: ctx.t('finances.citizen.field_title') };
  for (const i of sectionIndexes) {
    const n = String(i + 1);
    labels[`s${i}_heading_fr`] = ctx.t('finances.citizen.field_section_heading', { n });
    labels[`s${i}_body_fr`] = ctx.t('finances.citizen.field_section_body', { n });
    labels[`s${i}_chart`] = ctx.t('finances.citizen.field_section_chart', { n });
  }
  return labels;
}

function PublishForm({ ctx, year, budget }: { ctx: ViewContext; year: number; budget: CitizenBudgetRow }) {
  return (
    <form method="post" action={`${adminCitizenPath(ctx, year)}/publication`} id="publication-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="published" value={budget.published ? 'false' : 'true'} />
      <p>
        <strong safe>{ctx.t(budget.published ? 'finances.citizen.state_published' : 'finances.citizen.state_draft')}</strong>
        {' · '}
        <span class="muted" safe>{ctx.t('finances.citizen.updated_at', { date: formatDateTime(budget.updated_at, ctx.locale, ctx.commune!.time_zone) })}</span>
      </p>
      <button type="submit" class="btn-secondary" safe>{ctx.t(budget.published ? 'finances.citizen.unpublish' : 'finances.citizen.publish')}</button>
      {' '}
      <a href={`/${ctx.commune!.slug}/finances/${year}/citizen`} safe>{ctx.t(budget.published ? 'finances.citizen.view' : 'finances.citizen.preview')}</a>
    </form>
  );
}

export function CitizenEditPage({ ctx, props }: { ctx: ViewContext; props: CitizenEditProps }) {
  const { form, year } = props;
  const title = ctx.t('finances.citizen.edit_title', { year: String(year) });
  const chartOptions: [string, string][] = citizenCharts.map((c) => [c, ctx.t(chartKeys[c])]);
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <p><a href={adminCitizenPath(ctx)} safe>{ctx.t('finances.citizen.admin_title')}</a></p>
      <h1 safe>{title}</h1>
      {props.budget ? <PublishForm ctx={ctx} year={year} budget={props.budget} /> : <p class="muted" safe>{ctx.t('finances.citizen.state_none')}</p>}
      <ErrorSummary ctx={ctx} form={form} labels={sectionLabels(ctx)} />
      <form method="post" action={adminCitizenPath(ctx, year)} id="citizen-form" novalidate>
        <CsrfField ctx={ctx} />
        <LocalizedFields ctx={ctx} form={form} prefix="title" label={ctx.t('finances.citizen.field_title')} required />
        <LocalizedFields ctx={ctx} form={form} prefix="intro" label={ctx.t('finances.citizen.field_intro')} multiline />
        <p class="field-hint" safe>{ctx.t('finances.citizen.sections_hint')}</p>
        {sectionIndexes.map((i) => {
          const n = String(i + 1);
          return (
            <fieldset id={`section-${i}`}>
              <legend safe>{ctx.t('finances.citizen.section_legend', { n })}</legend>
              <LocalizedFields ctx={ctx} form={form} prefix={`s${i}_heading`} label={ctx.t('finances.citizen.field_section_heading', { n })} />
              <LocalizedFields ctx={ctx} form={form} prefix={`s${i}_body`} label={ctx.t('finances.citizen.field_section_body', { n })} multiline />
              <SelectField ctx={ctx} form={form} name={`s${i}_chart`} label={ctx.t('finances.citizen.field_section_chart', { n })} options={chartOptions} empty={ctx.t('finances.citizen.no_chart')} />
            </fieldset>
          );
        })}
        <button type="submit" safe>{ctx.t('finances.citizen.save')}</button>
      </form>
    </Layout>
  );
}
