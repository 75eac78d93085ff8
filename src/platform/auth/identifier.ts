import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

export type SignInIdentifier = { kind: 'phone'; value: string } | { kind: 'email'; value: string };

const email = z.email();

/** Normalises a phone number to E.164, reading local formats with the commune's country as default. */
export function normalisePhone(input: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** What a person typed in the sign-in box: an e-mail address if it has an @, a phone number otherwise. */
export function parseIdentifier(input: string, defaultCountry: string): SignInIdentifier | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return null;
  if (trimmed.includes('@')) {
    const lower = trimmed.toLowerCase();
    return email.safeParse(lower).success ? { kind: 'email', value: lower } : null;
  }
  const phone = normalisePhone(trimmed, defaultCountry);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** Shows enough of an identifier to recognise it, not enough to read it over a shoulder. */
export function maskIdentifier(identifier: string): string {
  if (identifier.includes('@')) {
    const [name = '', domain = ''] = identifier.split('@');
    return `${name.slice(0, 2)}***@${domain}`;
  }
  const parsed = parsePhoneNumberFromString(identifier);
  if (!parsed) return `${identifier.slice(0, 6)} *** ${identifier.slice(-2)}`;
  // "+221 77 123 45 67" → "+221 77 *** ** 67": keep the country code, the operator prefix and the last two digits.
  const [countryCode = '', prefix = '', ...rest] = parsed.formatInternational().split(' ');
  const hidden = rest.join(' ').replace(/\d/g, '*');
  return `${countryCode} ${prefix} ${hidden.slice(0, -2)}${identifier.slice(-2)}`;
}
