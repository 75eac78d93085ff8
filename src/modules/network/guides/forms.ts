import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { locales } from '../../../platform/i18n/locales.js';
import { localizedText, textValues, translatable } from '../localized-form.js';
import { audiences } from './tables.js';

export { localizedText, textValues };

/** Slugs and chapter keys appear in addresses and anchors: lowercase words joined by hyphens. */
const slugLike = (max: number) => fields.requiredText(max).pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'network.guides.error_slug'));

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
