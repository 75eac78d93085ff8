import { countryName } from '../../../platform/administration/form-parts.js';
import type { Locale } from '../../../platform/i18n/locales.js';

export { countryName };

/**
 * Countries an applicant may come from: the network's (listed first), the rest of Africa, and the countries of the
 * diaspora and partners. ISO 3166-1 alpha-2; names come from the runtime's CLDR data in the reader's language.
 */
const networkCountries = ['SN', 'MA', 'CI', 'BJ', 'BF', 'CM', 'GN', 'GW', 'ML', 'NE', 'TN', 'TG', 'CV', 'MR'];
const otherCountries = [
  'DZ', 'AO', 'BW', 'BI', 'CF', 'TD', 'KM', 'CG', 'CD', 'DJ', 'EG', 'GQ', 'ER', 'SZ', 'ET', 'GA', 'GM', 'GH', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW', 'MU', 'MZ', 'NA', 'NG', 'RW', 'ST', 'SC', 'SL', 'SO', 'ZA', 'SS', 'SD', 'TZ', 'UG', 'ZM', 'ZW',
  'FR', 'BE', 'CH', 'CA', 'PT', 'BR', 'ES', 'IT', 'DE', 'GB', 'US', 'LB', 'HT',
];
export const countryCodes: string[] = [...networkCountries, ...otherCountries];

/** The choices of the country list: the network's countries first, then the others by name. */
export function countryOptions(locale: Locale): [string, string][] {
  const named = (codes: string[]) => codes.map((code): [string, string] => [code, countryName(code, locale)]);
  return [...named(networkCountries), ...named(otherCountries).sort((a, b) => a[1].localeCompare(b[1], locale))];
}
