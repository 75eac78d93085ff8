import { z } from 'zod';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../../platform/i18n/locales.js';
import type { CitizenBudgetRow, CitizenBudgetSection } from '../db/tables.js';
import type { CitizenBudgetContent } from './queries.js';

export const citizenCharts = ['overview', 'functions', 'sections', 'execution'] as const;
export type CitizenChart = (typeof citizenCharts)[number];
export const optionalLocales = ['en', 'pt', 'ar'] as const;

/** Section slots on the form: enough for a one-page leaflet, and a plain form needs no script to add one. */
export const maxSections = 6;
export const sectionIndexes = Array.from({ length: maxSections }, (_, i) => i);

const text = (max: number) => fields.optionalText(max);

function localizedShape(prefix: string, max: number) {
  return Object.fromEntries(locales.map((locale) => [`${prefix}_${locale}`, text(max)]));
}

const sectionShape = Object.fromEntries(
  sectionIndexes.flatMap((i) => [
    ...Object.entries(localizedShape(`s${i}_heading`, 200)),
    ...Object.entries(localizedShape(`s${i}_body`, 3000)),
    [`s${i}_chart`, z.union([z.literal(''), z.enum(citizenCharts)], 'core.form.invalid').optional()],
  ]),
);

type Values = Record<string, string | undefined>;
const filled = (values: Values, i: number) => locales.some((l) => values[`s${i}_heading_${l}`] || values[`s${i}_body_${l}`]) || !!values[`s${i}_chart`];

export const citizenBudgetSchema = z.object({ ...localizedShape('title', 200), title_fr: fields.requiredText(200), ...localizedShape('intro', 3000), ...sectionShape });

/** A section in use needs its French heading and text: French is the language every reader may fall back to. */
function missingSectionFields(values: Values): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of sectionIndexes.filter((i) => filled(values, i))) {
    for (const field of [`s${i}_heading_fr`, `s${i}_body_fr`]) if (!values[field]?.trim()) errors[field] = 'core.form.required';
  }
  return errors;
}

/** Checks the whole form at once, so every error shows together (schema errors and incomplete sections). */
export function parseCitizenBudget(body: unknown): { ok: true; content: CitizenBudgetContent } | { ok: false; form: FormState } {
  const parsed = parseForm(citizenBudgetSchema, body);
  const typed = Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Values;
  const missing = missingSectionFields(typed);
  if (parsed.ok && Object.keys(missing).length === 0) return { ok: true, content: citizenBudgetContent(parsed.data) };
  const form = parsed.ok ? { values: typed, errors: {} } : (parsed.form as FormState);
  return { ok: false, form: { values: form.values, errors: { ...form.errors, ...missing } } };
}

function localized(values: Values, prefix: string): LocalizedText {
  const result: LocalizedText = {};
  for (const locale of locales) {
    const value = values[`${prefix}_${locale}`];
    if (value) result[locale] = value;
  }
  return result;
}

/** The stored content from a valid form: empty slots are dropped, order is kept. */
function citizenBudgetContent(input: z.output<typeof citizenBudgetSchema>): CitizenBudgetContent {
  const values = input as Values;
  const sections: CitizenBudgetSection[] = sectionIndexes
    .filter((i) => filled(values, i))
    .map((i) => {
      const chart = values[`s${i}_chart`] as CitizenChart | '' | undefined;
      return { heading: localized(values, `s${i}_heading`), body: localized(values, `s${i}_body`), ...(chart ? { chart } : {}) };
    });
  return { title: localized(values, 'title'), introduction: localized(values, 'intro'), sections };
}

/** The form's values for a stored citizen budget, so editing starts from what is saved. */
export function citizenBudgetFormValues(row: CitizenBudgetRow | undefined): FormState['values'] {
  const values: Record<string, string> = {};
  if (!row) return values;
  for (const locale of locales) {
    values[`title_${locale}`] = row.title[locale] ?? '';
    values[`intro_${locale}`] = row.introduction[locale] ?? '';
  }
  row.sections.slice(0, maxSections).forEach((section, i) => {
    for (const locale of locales) {
      values[`s${i}_heading_${locale}`] = section.heading[locale] ?? '';
      values[`s${i}_body_${locale}`] = section.body[locale] ?? '';
    }
    values[`s${i}_chart`] = section.chart ?? '';
  });
  return values;
}

