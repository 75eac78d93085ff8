import { z } from 'zod';
import { fields } from '../../../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../../../platform/i18n/locales.js';
import { audiences } from '../../db/tables.js';

const slug = () => z.string({ error: 'core.form.required' }).trim().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'programme.operator.error_slug');

/** One input per language; French is required, the others optional. */
function localizedInputs(name: string, max: number) {
  return {
    [`${name}_fr`]: fields.requiredText(max),
    [`${name}_en`]: fields.optionalText(max),
    [`${name}_pt`]: fields.optionalText(max),
    [`${name}_ar`]: fields.optionalText(max),
  };
}

/** Collects `name_fr`, `name_en`… of parsed data into one LocalizedText. */
export function localizedFrom(data: Record<string, unknown>, name: string): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = data[`${name}_${locale}`];
    if (typeof value === 'string' && value) text[locale] = value;
  }
  return text;
}

/** Form values of a stored LocalizedText, to edit it. */
export const localizedValues = (name: string, text: LocalizedText) => Object.fromEntries(locales.map((l) => [`${name}_${l}`, text[l] ?? '']));

export const cohortSchema = z
  .object({
    slug: slug(),
    ...localizedInputs('title', 200),
    path_starts_on: fields.isoDate(),
    path_ends_on: fields.isoDate(),
    volunteers_abroad_only: fields.checkbox(),
  })
  .refine((c) => c.path_ends_on > c.path_starts_on, { path: ['path_ends_on'], message: 'programme.operator.error_path_dates' });

const optionalLocalized = (name: string, max: number) => Object.fromEntries(locales.map((l) => [`${name}_${l}`, fields.optionalText(max)]));

export const callSchema = z
  .object({
    cohort_id: z.uuid('core.form.required'),
    audience: z.enum(audiences, 'core.form.required'),
    slug: slug(),
    ...localizedInputs('title', 200),
    ...optionalLocalized('description', 10_000),
    ...optionalLocalized('eligibility', 5_000),
    opens_on: fields.isoDate(),
    closes_on: fields.isoDate(),
    lang_fr: fields.checkbox(),
    lang_en: fields.checkbox(),
    lang_pt: fields.checkbox(),
    lang_ar: fields.checkbox(),
  })
  .refine((c) => c.closes_on >= c.opens_on, { path: ['closes_on'], message: 'programme.operator.error_call_dates' });

/** The languages ticked on the call form (French at least, the programme's working language). */
export const languagesFrom = (data: Record<string, unknown>) => locales.filter((l) => l === 'fr' || data[`lang_${l}`] === true);

export const teamSchema = z.object({
  identifier: z.string({ error: 'core.form.required' }).trim().min(3, 'programme.team.error_identifier').max(200, 'programme.team.error_identifier'),
  role: z.enum(['operator', 'reviewer'], 'core.form.invalid'),
});
