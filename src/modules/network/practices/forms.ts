import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../../platform/i18n/locales.js';
import { localizedText, textValues, translatable } from '../localized-form.js';
import { principles } from './tables.js';

export { localizedText, textValues };

const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const translatedFields = ['title', 'summary', 'body', 'results'] as const;

/** Module tags are checked against the modules of this install, known only when the routes run. */
export function practiceSchema(moduleIds: readonly string[]) {
  return z
    .object({
      ...translatable('title', 300),
      ...translatable('summary', 1000),
      ...translatable('body', 20000),
      ...translatable('results', 5000),
      principles: z.preprocess(asList, z.array(z.enum(principles, 'core.form.invalid')).min(1, 'network.practices.error_principle')),
      modules: z.preprocess(asList, z.array(z.string().refine((id) => moduleIds.includes(id), 'core.form.invalid'))),
      contact_name: fields.optionalText(200),
      contact_role: fields.optionalText(200),
      contact_email: fields.optionalText(200).pipe(z.email('network.practices.error_email').optional()),
      contact_phone: fields.optionalText(40).pipe(z.string().regex(/^\+?[\d\s().-]{6,40}$/, 'network.practices.error_phone').optional()),
    })
    .refine((v) => locales.some((locale) => v[`title_${locale}`]), { path: ['title_fr'], message: 'network.practices.error_title' });
}

export type PracticeInput = z.output<ReturnType<typeof practiceSchema>>;

export const documentSchema = z.object({ document_title: fields.requiredText(200) });

/** Every language of every text in one string: the search stems it in each of them. */
export const searchTextOf = (texts: LocalizedText[]): string => texts.flatMap((text) => locales.map((locale) => text[locale] ?? '')).filter(Boolean).join('\n');
