/**
 * Phone numbers to E.164 (`+` and 8 to 15 digits). Providers write them as `+221…`, `221…`, `tel:+221…` or
 * `whatsapp:+221…`; a number without a country code can only be read with the commune's calling code.
 */
export function toE164(raw: string, defaultCallingCode?: string): string | null {
  const trimmed = raw.trim().replace(/^(tel|whatsapp|sms):/i, '');
  const digits = trimmed.replace(/[\s().-]/g, '');
  let international: string | null = null;
  if (/^\+\d+$/.test(digits)) international = digits.slice(1);
  else if (/^00\d+$/.test(digits)) international = digits.slice(2);
  else if (/^\d+$/.test(digits)) {
    // Bare digits: already international when long enough (WhatsApp wa_id, Orange without +), else national.
    if (digits.length >= 11) international = digits;
    else if (defaultCallingCode) international = defaultCallingCode + digits.replace(/^0/, '');
  }
  return international !== null && /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
}
