import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { completionLevels, influenceLevels, ogpValues, planKinds } from './tables.js';

const optionalDate = z.string().optional().transform((value) => value || undefined).pipe(fields.isoDate().optional());
const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const optionalLocales = ['en', 'pt', 'ar'] as const;

/** A title typed in French (required) and, if staff wish, in English, Portuguese and Arabic. */
const titles = {
  title_fr: fields.requiredText(300),
  title_en: fields.optionalText(300),
  title_pt: fields.optionalText(300),
  title_ar: fields.optionalText(300),
};

export function localizedTitle(input: { title_fr: string; title_en?: string; title_pt?: string; title_ar?: string }): LocalizedText {
  const title: LocalizedText = { fr: input.title_fr };
  for (const locale of optionalLocales) if (input[`title_${locale}`]) title[locale] = input[`title_${locale}`]!;
  return title;
}

export const frenchText = (text: string | undefined): LocalizedText => (text ? { fr: text } : {});

const textLocales = ['fr', ...optionalLocales] as const;
type OptionalText = ReturnType<typeof fields.optionalText>;

/** A long text typed in French and, where staff have it, in the other languages: fields `<name>_fr`, `<name>_en`… */
function translatable<Name extends string>(name: Name, max: number) {
  return Object.fromEntries(textLocales.map((locale) => [`${name}_${locale}`, fields.optionalText(max)])) as Record<`${Name}_${(typeof textLocales)[number]}`, OptionalText>;
}

/** The languages in which a translatable text was given, empty ones left out. */
export function localizedText(input: Record<string, unknown>, name: string): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of textLocales) {
    const value = input[`${name}_${locale}`];
    if (typeof value === 'string' && value) text[locale] = value;
  }
  return text;
}

/** Form values of a stored translatable text, one field per language. */
export const textValues = (name: string, text: LocalizedText): Record<string, string> => Object.fromEntries(textLocales.map((locale) => [`${name}_${locale}`, text[locale] ?? '']));

const periodRule = (v: { start?: string; end?: string }) => !v.start || !v.end || v.end >= v.start;

export const planSchema = z
  .object({
    ...titles,
    kind: z.enum(planKinds, 'core.form.invalid'),
    ...translatable('description', 10000),
    period_start: fields.isoDate(),
    period_end: fields.isoDate(),
    influence_level: z.union([z.literal(''), z.enum(influenceLevels)]).optional().transform((v) => v || null),
  })
  .refine((v) => periodRule({ start: v.period_start, end: v.period_end }), { path: ['period_end'], message: 'accountability.plans.error_period' });

const sdgList = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(/[\s,;]+/).filter(Boolean).map(Number))
  .refine((numbers) => numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 17), 'accountability.plans.error_sdgs');

/** "12 500 000" or "12500000,50" as staff type it; empty means no budget given. */
const optionalAmount = z
  .string()
  .optional()
  .transform((text) => (text ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'))
  .refine((text) => text === '' || (/^\d+(\.\d{1,2})?$/.test(text) && text.length <= 18), 'accountability.plans.error_amount')
  .transform((text) => (text === '' ? null : text));

export const commitmentSchema = z
  .object({
    ...titles,
    ...translatable('problem', 5000),
    ...translatable('action', 5000),
    ...translatable('solution', 5000),
    ...translatable('expected_results', 5000),
    ogp_values: z.preprocess(asList, z.array(z.enum(ogpValues, 'core.form.invalid'))),
    lead_institution: fields.optionalText(300),
    supporters_government: fields.optionalText(1000),
    supporters_civil_society: fields.optionalText(1000),
    supporters_other: fields.optionalText(1000),
    contact_name: fields.optionalText(200),
    contact_email: fields.optionalText(200).pipe(z.email('accountability.plans.error_email').optional()),
    start_date: optionalDate,
    end_date: optionalDate,
    policy_area: fields.optionalText(200),
    budget_amount: optionalAmount,
    sdgs: sdgList,
    weight: z.coerce.number({ error: 'core.form.invalid' }).int('core.form.invalid').min(1, 'core.form.invalid').max(100, 'core.form.invalid'),
  })
  .refine((v) => periodRule({ start: v.start_date, end: v.end_date }), { path: ['end_date'], message: 'accountability.plans.error_period' });

export const milestoneSchema = z
  .object({
    milestone_title: fields.requiredText(300),
    deliverable: fields.optionalText(2000),
    milestone_start: optionalDate,
    milestone_end: optionalDate,
    responsible: fields.optionalText(300),
  })
  .refine((v) => periodRule({ start: v.milestone_start, end: v.milestone_end }), { path: ['milestone_end'], message: 'accountability.plans.error_period' });

export const statusSchema = z.object({ status: z.enum(completionLevels) });

/** Evidence is a link or an uploaded file (checked apart, as files do not go through zod); the address, when given, is http(s). */
export const evidenceSchema = z.object({
  evidence_title: fields.requiredText(300),
  evidence_url: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: 'accountability.plans.error_url' }).optional()),
});
