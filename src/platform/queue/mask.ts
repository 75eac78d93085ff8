// Phone numbers (7+ digits, spaces, dots or dashes between) and e-mail addresses.
const phonePattern = /\+?\d[\d\s.-]{5,}\d/g;
const emailPattern = /[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+/g;
const maxLength = 60;

/** Keeps the last two digits of a phone number: enough to tell two apart, not to call anyone. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${phone.trim().startsWith('+') ? '+' : ''}${'•'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** Masks phone numbers and e-mail addresses in a text and shortens it, for administrators' eyes. */
export function maskPersonalData(text: string): string {
  const masked = text.replace(emailPattern, '•••@•••').replace(phonePattern, (match) => maskPhone(match));
  return masked.length > maxLength ? `${masked.slice(0, maxLength - 1)}…` : masked;
}

/** Default summary of a job's data: its top-level scalar fields, masked. */
export function summarizeData(data: unknown): Record<string, string> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const summary: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) summary[key] = maskPersonalData(String(value));
  }
  return summary;
}
