import type { FormState } from '../http/forms.js';
import { isLocale, type Locale, type LocalizedText, locales } from '../i18n/locales.js';
import { countries, currencies, timeZones } from './commune-form-views.js';

export type Values = Record<string, string>;

export function localizedFrom(values: Values, name: string): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = values[`${name}_${locale}`]?.trim().slice(0, 300);
    if (value) text[locale] = value;
  }
  return text;
}

export function localizedTo(values: Values, name: string, text: LocalizedText | undefined): void {
  for (const [locale, value] of Object.entries(text ?? {})) values[`${name}_${locale}`] = value ?? '';
}

/** Name, region, country, languages, time zone and currency, checked against the supported lists. */
export function parseIdentity(values: Values) {
  const errors: FormState['errors'] = {};
  const name = localizedFrom(values, 'name');
  if (Object.keys(name).length === 0) errors.name_fr = 'administration.commune.name_required';
  const enabled = locales.filter((l) => values[`locale_${l}`]);
  const defaultLocale = values.default_locale;
  if (!isLocale(defaultLocale)) errors.default_locale = 'core.form.invalid';
  if (enabled.length === 0 || (isLocale(defaultLocale) && !enabled.includes(defaultLocale))) errors.locales = 'administration.commune.default_must_be_enabled';
  const country = values.country ?? '';
  if (!countries.includes(country)) errors.country = 'core.form.invalid';
  if (!timeZones.includes(values.time_zone ?? '')) errors.time_zone = 'core.form.invalid';
  if (!currencies.includes(values.currency ?? '')) errors.currency = 'core.form.invalid';
  return {
    errors,
    identity: {
      name: JSON.stringify(name),
      region: JSON.stringify(localizedFrom(values, 'region')),
      country,
      default_locale: defaultLocale as Locale,
      enabled_locales: JSON.stringify(enabled),
      time_zone: values.time_zone ?? '',
      currency: values.currency ?? '',
    },
  };
}
