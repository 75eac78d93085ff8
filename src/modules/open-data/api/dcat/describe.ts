import type { Commune } from '../../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../../platform/http/context.js';
import { type Locale, type LocalizedText, locales, pickLocalized } from '../../../../platform/i18n/locales.js';
import type { CatalogueDataset } from '../../catalogue.js';

/** The commune's name in one language (falling back to another it was written in). */
export const communeName = (commune: Pick<Commune, 'name' | 'slug'>, locale: Locale): string => pickLocalized(commune.name, locale)?.value ?? commune.slug;

/**
 * A dataset's description in every language of its title. Module exports may have no description key, but
 * DCAT-AP makes dct:description mandatory: a generated sentence says what the dataset is and who publishes it.
 */
export function datasetDescription(services: PlatformServices, dataset: CatalogueDataset): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const own = dataset.description[locale];
    const title = dataset.title[locale];
    if (own) text[locale] = own;
    else if (title) text[locale] = services.messages.translator(locale)('open-data.dcat.dataset_description', { title, commune: communeName(dataset.commune, locale) });
  }
  return text;
}

/** The text of a key in every language, with parameters that may depend on the language. */
export function everyLanguage(services: PlatformServices, key: string, params: (locale: Locale) => Record<string, string>): LocalizedText {
  return Object.fromEntries(locales.map((locale) => [locale, services.messages.translator(locale)(key, params(locale))]));
}

/** One language's text for fields that take a single string (Data Package title, vCard name). */
export const inLanguage = (text: LocalizedText, locale: Locale): string => pickLocalized(text, locale)?.value ?? '';
