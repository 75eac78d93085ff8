import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../../platform/i18n/locales.js';
import { audiences } from './tables.js';

/** Slugs and chapter keys appear in addresses and anchors: lowercase words joined by hyphens. */
const slugLike = (max: number) => fields.requiredText(max).pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'network.guides.error_slug'));

function translatable<Name extends string>(name: Name, max: number) {
  return Object.fromEntries(locales.map((locale) => [`${name}_${locale}`, fields.optionalText(max)])) as Record<`${Name}_${(typeof locales)[number]}`, ReturnType<typeof fields.optionalText>>;
}

export function localizedText(input: Record<string, unknown>, name: string): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = input[`${name}_${locale}`];
    if (typeof value === 'string' && value) text[locale] = value;
  }
  return text;
}

export const textValues = (name: string, text: LocalizedText): Record<string, string> => Object.fromEntries(locales.map((locale) => [`${name}_${locale}`, text[locale] ?? '']));

const someTitle = (v: Record<string, unknown>) => locales.some((locale) => v[`title_${locale}`]);

export const guideSchema = z
  .object({ slug: slugLike(80), audience: z.enum(audiences, 'core.form.invalid'), ...translatable('title', 300) })
  .refine(someTitle, { path: ['title_fr'], message: 'network.guides.error_title' });

// Ids the page layout already uses: a chapter anchored there would break the skip link.
const layoutIds = new Set(['main']);

export const chapterSchema = z
  .object({ key: slugLike(60).refine((key) => !layoutIds.has(key), 'network.guides.error_key_reserved'), ...translatable('title', 300), ...translatable('body', 40000) })
  .refine(someTitle, { path: ['title_fr'], message: 'network.guides.error_title' });

export type GuideInput = z.output<typeof guideSchema>;
export type ChapterInput = z.output<typeof chapterSchema>;
