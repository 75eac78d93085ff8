import { z } from 'zod';
import { fields, type FormState } from '../../../platform/http/forms.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { licences } from '../licences.js';
import { dataThemes, type StaffDatasetRow, updateFrequencies } from '../db/tables.js';

/** CKAN's rule for dataset names (lower case, digits, `-` and `_`), also checked by the database. */
export const datasetNamePattern = /^[a-z0-9_-]{2,100}$/;
export const optionalLocales = ['en', 'pt', 'ar'] as const;

/** A repeated checkbox arrives as a string (one ticked) or an array (several). */
const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const optionalDate = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'core.form.invalid_date').optional());

export const datasetSchema = z
  .object({
    name: z.string({ error: 'core.form.required' }).trim().toLowerCase().regex(datasetNamePattern, 'open-data.publishing.error_name'),
    title_fr: fields.requiredText(300),
    title_en: fields.optionalText(300),
    title_pt: fields.optionalText(300),
    title_ar: fields.optionalText(300),
    description_fr: fields.requiredText(10000),
    description_en: fields.optionalText(10000),
    description_pt: fields.optionalText(10000),
    description_ar: fields.optionalText(10000),
    themes: z.preprocess(asList, z.array(z.enum(dataThemes, 'core.form.invalid')).max(dataThemes.length)),
    keywords: fields.optionalText(1000),
    licence_id: z.enum(licences.map((l) => l.id) as [string, ...string[]], 'core.form.required'),
    contact_name: fields.optionalText(200),
    contact_email: fields.optionalText(200).pipe(z.email('open-data.publishing.error_email').optional()),
    temporal_start: optionalDate,
    temporal_end: optionalDate,
    spatial: fields.optionalText(300),
    frequency: z.enum(updateFrequencies, 'core.form.required'),
    version: fields.optionalText(50),
  })
  .refine((v) => !v.temporal_start || !v.temporal_end || v.temporal_end >= v.temporal_start, {
    path: ['temporal_end'],
    message: 'open-data.publishing.error_temporal',
  });

export type DatasetInput = z.output<typeof datasetSchema>;

/** The dataset's columns as the form gives them (dates stay ISO strings, lists are JSON). */
export interface DatasetFields {
  name: string;
  title: LocalizedText;
  description: LocalizedText;
  themes: string[];
  keywords: string[];
  licence_id: string;
  contact_name: string | null;
  contact_email: string | null;
  temporal_start: string | null;
  temporal_end: string | null;
  spatial: string | null;
  frequency: DatasetInput['frequency'];
  version: string | null;
}

function localized(input: DatasetInput, prefix: 'title' | 'description'): LocalizedText {
  const text: LocalizedText = { fr: input[`${prefix}_fr`] };
  for (const locale of optionalLocales) {
    const value = input[`${prefix}_${locale}`];
    if (value) text[locale] = value;
  }
  return text;
}

export function datasetFields(input: DatasetInput): DatasetFields {
  const keywords = (input.keywords ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  return {
    name: input.name,
    title: localized(input, 'title'),
    description: localized(input, 'description'),
    themes: input.themes,
    keywords: [...new Set(keywords)],
    licence_id: input.licence_id,
    contact_name: input.contact_name ?? null,
    contact_email: input.contact_email ?? null,
    temporal_start: input.temporal_start ?? null,
    temporal_end: input.temporal_end ?? null,
    spatial: input.spatial ?? null,
    frequency: input.frequency,
    version: input.version ?? null,
  };
}

/** ASCII, lower case, dashes: "Budget 2026 – Écoles" → "budget-2026-ecoles". */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

/** The form's values for an existing dataset, so editing starts from what is stored. */
export function datasetFormValues(dataset: StaffDatasetRow): FormState['values'] {
  const values: Record<string, string> = {
    name: dataset.name,
    keywords: dataset.keywords.join(', '),
    licence_id: dataset.licence_id,
    contact_name: dataset.contact_name ?? '',
    contact_email: dataset.contact_email ?? '',
    temporal_start: dataset.temporal_start ?? '',
    temporal_end: dataset.temporal_end ?? '',
    spatial: dataset.spatial ?? '',
    frequency: dataset.frequency,
    version: dataset.version ?? '',
    themes: dataset.themes.join(','),
  };
  for (const locale of ['fr', ...optionalLocales] as const) {
    values[`title_${locale}`] = dataset.title[locale] ?? '';
    values[`description_${locale}`] = dataset.description[locale] ?? '';
  }
  return values;
}

/** Ticked themes survive a refused submission: the body holds them as a string or an array. */
export const themesTyped = (body: unknown): string[] => asList((body as Record<string, unknown> | undefined)?.themes).map(String);
