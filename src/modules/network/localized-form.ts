import { fields } from '../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../platform/i18n/locales.js';

/** One optional field per language, `<name>_fr`, `<name>_en`…: a text may be written in any of them. */
export function translatable<Name extends string>(name: Name, max: number) {
  return Object.fromEntries(locales.map((locale) => [`${name}_${locale}`, fields.optionalText(max)])) as Record<`${Name}_${(typeof locales)[number]}`, ReturnType<typeof fields.optionalText>>;
}

/** The languages in which a text was given, empty ones left out. */
export function localizedText(input: Record<string, unknown>, name: string): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = input[`${name}_${locale}`];
    if (typeof value === 'string' && value) text[locale] = value;
  }
  return text;
}

/** Form values of a stored text, one field per language. */
export const textValues = (name: string, text: LocalizedText): Record<string, string> => Object.fromEntries(locales.map((locale) => [`${name}_${locale}`, text[locale] ?? '']));
