/**
 * SMS length rules (3GPP TS 23.038 "GSM 03.38" default alphabet and TS 23.040 concatenation).
 *
 * A text that uses only the GSM-7 alphabet costs 160 septets in one SMS, 153 per part when split (the user data
 * header takes 7). Characters of the extension table are sent as ESC + char and cost 2 septets. Any other character
 * switches the whole message to UCS-2: 70 UTF-16 units in one SMS, 67 per part. Operators bill per part, so one
 * "ê" can turn a 1-SMS message into 3.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/**
 * The GSM 03.38 basic character set (one septet each). Code 0x09 is capital Ç in the ETSI table, which this follows;
 * the Unicode consortium's mapping file reads it as small ç instead, so a gateway built on that file may bill Ç as
 * UCS-2 and ç as GSM. Lowercase ç therefore counts as UCS-2 here: the estimate errs toward the costlier encoding.
 */
const gsmBasic = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);

/** The extension table: sent as ESC + character, so each costs two septets. */
const gsmExtension = new Set(Array.from('\f^{}\\[~]|€'));

export const smsLimits = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
} as const;

/** Units one character costs: septets in GSM-7, UTF-16 code units in UCS-2 (2 for emoji and other astral chars). */
function unitCost(char: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return char.length;
  return gsmExtension.has(char) ? 2 : 1;
}

const isGsmChar = (char: string): boolean => gsmBasic.has(char) || gsmExtension.has(char);

export function smsEncoding(text: string): SmsEncoding {
  for (const char of text) if (!isGsmChar(char)) return 'UCS-2';
  return 'GSM-7';
}

/** The distinct characters that force UCS-2, in order of first appearance (to tell staff what to change). */
export function ucs2Culprits(text: string): string[] {
  const culprits = new Set<string>();
  for (const char of text) if (!isGsmChar(char)) culprits.add(char);
  return [...culprits];
}

/** Units the whole text costs in its encoding. */
export function smsLength(text: string): number {
  const encoding = smsEncoding(text);
  let units = 0;
  for (const char of text) units += unitCost(char, encoding);
  return units;
}

/**
 * Splits the text into the parts a phone would send. Splitting walks whole code points, so neither a surrogate pair
 * (an emoji) nor an ESC sequence (€) is ever cut in two; a part may therefore be one unit short of its limit.
 */
export function splitIntoSegments(text: string): string[] {
  if (text === '') return [];
  const encoding = smsEncoding(text);
  const limits = smsLimits[encoding];
  if (smsLength(text) <= limits.single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const cost = unitCost(char, encoding);
    if (used + cost > limits.perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += cost;
  }
  parts.push(current);
  return parts;
}

export function segmentCount(text: string): number {
  return splitIntoSegments(text).length;
}

export interface SmsCost {
  encoding: SmsEncoding;
  segments: number;
  /** Units used in the encoding (septets or UTF-16 units). */
  length: number;
  /** Characters that forced UCS-2; empty for GSM-7. */
  ucs2Characters: string[];
  /** Segments the same text would cost with the culprits replaced by GSM look-alikes (see `gsmFallback`). */
  segmentsWithoutCulprits: number;
}

/** Everything a staff screen needs to warn before sending: "ê makes this message cost 3 SMS instead of 1". */
export function smsCost(text: string): SmsCost {
  const ucs2Characters = ucs2Culprits(text);
  const segments = segmentCount(text);
  return {
    encoding: ucs2Characters.length ? 'UCS-2' : 'GSM-7',
    segments,
    length: smsLength(text),
    ucs2Characters,
    segmentsWithoutCulprits: ucs2Characters.length ? segmentCount(gsmFallback(text)) : segments,
  };
}

/** Common French and typographic characters outside GSM-7 and the nearest character inside it. */
const lookAlikes: Record<string, string> = {
  â: 'a', ê: 'e', ë: 'e', î: 'i', ï: 'i', ô: 'o', û: 'u', ç: 'c', œ: 'oe', Œ: 'OE', À: 'A', Â: 'A', È: 'E', Ê: 'E',
  Ë: 'E', Î: 'I', Ï: 'I', Ô: 'O', Ù: 'U', Û: 'U', á: 'a', í: 'i', ó: 'o', ú: 'u', ã: 'a', õ: 'o', Á: 'A', Í: 'I',
  Ó: 'O', Ú: 'U', Ã: 'A', Õ: 'O', '’': "'", '‘': "'", '“': '"', '”': '"', '«': '"', '»': '"', '–': '-', '—': '-',
  '…': '...', '\u00a0': ' ', '\u202f': ' ',
};

/**
 * The text with French/Portuguese accents and typographic quotes replaced by GSM characters. Offered to staff as a
 * cheaper variant, never applied silently (Arabic and emoji have no fallback and stay as they are).
 */
export function gsmFallback(text: string): string {
  return Array.from(text, (char) => (isGsmChar(char) ? char : (lookAlikes[char] ?? char))).join('');
}

const ellipsis = '…';

/**
 * The text unchanged if it fits in `maxSegments`, otherwise shortened at a word boundary with "…" so that it does.
 * The ellipsis itself is UCS-2, so a GSM text shortened this way is measured after adding it (it may become UCS-2;
 * pass `ellipsisText: '...'` to stay in GSM-7).
 */
export function fitToSegments(text: string, maxSegments: number, ellipsisText = ellipsis): string {
  if (maxSegments < 1) throw new RangeError('maxSegments must be at least 1');
  if (segmentCount(text) <= maxSegments) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  // Binary search for the longest prefix that fits once the ellipsis is added.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (segmentCount(chars.slice(0, mid).join('').trimEnd() + ellipsisText) <= maxSegments) low = mid;
    else high = mid - 1;
  }
  const prefix = chars.slice(0, low).join('');
  const endsAtWord = /\s/u.test(chars[low] ?? ' ') || /\s$/u.test(prefix);
  const atWord = endsAtWord ? prefix : prefix.replace(/\s+\S*$/u, '');
  // A single word longer than the budget is cut mid-word rather than dropped entirely.
  const kept = (atWord.trim() ? atWord : prefix).trimEnd();
  return kept + ellipsisText;
}
