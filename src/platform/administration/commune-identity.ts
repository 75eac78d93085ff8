import type { Commune } from '../db/platform-tables.js';
import type { FormState } from '../http/forms.js';
import { isLocale, type Locale, type LocalizedText, locales } from '../i18n/locales.js';

export type Values = Record<string, string>;
type Errors = FormState['errors'];

/** Countries of the network's first communes; any other ISO code can be typed in. */
export const countries = ['SN', 'GN', 'GW', 'NE', 'BJ', 'BF', 'MA', 'TN'];
export const otherCountry = 'other';
export const timeZones = ['Africa/Dakar', 'Africa/Conakry', 'Africa/Bissau', 'Africa/Niamey', 'Africa/Porto-Novo', 'Africa/Ouagadougou', 'Africa/Casablanca', 'Africa/Tunis'];
export const currencies = ['XOF', 'GNF', 'MAD', 'TND', 'XAF', 'MRU', 'CVE', 'EUR'];

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/');
  } catch {
    return false;
  }
}

export function localizedFrom(values: Values, name: string, max = 300): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = values[`${name}_${locale}`]?.trim().slice(0, max);
    if (value) text[locale] = value;
  }
  return text;
}

export function localizedTo(values: Values, name: string, text: LocalizedText | undefined): void {
  for (const [locale, value] of Object.entries(text ?? {})) values[`${name}_${locale}`] = value ?? '';
}

/** The country chosen in the select, or the ISO code typed when it is not in the list. */
function countryFrom(values: Values, errors: Errors): string {
  const chosen = values.country ?? '';
  if (countries.includes(chosen)) return chosen;
  const typed = (values.country_code ?? '').trim().toUpperCase();
  if (chosen === otherCountry && /^[A-Z]{2}$/.test(typed)) return typed;
  errors.country_code = 'administration.commune.country_invalid';
  return '';
}

function languagesFrom(values: Values, errors: Errors): { defaultLocale: Locale; enabled: Locale[] } {
  const enabled = locales.filter((l) => values[`locale_${l}`]);
  const chosen = values.default_locale;
  const defaultLocale = isLocale(chosen) ? chosen : 'fr';
  if (!isLocale(chosen)) errors.default_locale = 'core.form.invalid';
  else if (!enabled.includes(chosen)) errors.locales = 'administration.commune.default_must_be_enabled';
  return { defaultLocale, enabled };
}

/** Name, region, country, languages, time zone and currency of a commune, checked against what the platform supports. */
export function parseIdentity(values: Values) {
  const errors: Errors = {};
  const name = localizedFrom(values, 'name', 150);
  if (Object.keys(name).length === 0) errors.name_fr = 'administration.commune.name_required';
  const country = countryFrom(values, errors);
  const { defaultLocale, enabled } = languagesFrom(values, errors);
  const timeZone = values.time_zone ?? '';
  if (!isTimeZone(timeZone)) errors.time_zone = 'core.form.invalid';
  const currency = values.currency ?? '';
  if (!currencies.includes(currency)) errors.currency = 'core.form.invalid';
  return {
    errors,
    identity: {
      name: JSON.stringify(name),
      region: JSON.stringify(localizedFrom(values, 'region', 150)),
      country,
      default_locale: defaultLocale,
      enabled_locales: JSON.stringify(enabled),
      time_zone: timeZone,
      currency,
    },
  };
}

/** A commune's identity as form values, to pre-fill the settings form. */
export function identityValues(commune: Commune): Values {
  const listed = countries.includes(commune.country);
  const values: Values = {
    country: listed ? commune.country : otherCountry,
    country_code: listed ? '' : commune.country,
    default_locale: commune.default_locale,
    time_zone: commune.time_zone,
    currency: commune.currency,
  };
  for (const locale of commune.enabled_locales) values[`locale_${locale}`] = 'on';
  localizedTo(values, 'name', commune.name);
  localizedTo(values, 'region', commune.region);
  return values;
}
