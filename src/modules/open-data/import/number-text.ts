/*
 * Numbers of an imported column → the text PostgreSQL reads ("1 234,50" → "1234.50"), a million times per import.
 * The regular-expression version (`numberTextByPatterns`) trims, tests, replaces and tests again: four passes and
 * up to three new strings per value. `numberReader` does it in one pass over the character codes, and returns the
 * text itself when there is nothing to drop or replace. Both accept exactly the same texts (a property test
 * checks it); the patterns stay for the formats the scanner does not know (a group or decimal character other than
 * space, dot or comma).
 */

export interface NumberFormat {
  decimalChar?: string | undefined;
  groupChar?: string | undefined;
  /** Only whole numbers (an integer column). */
  integer: boolean;
}

/** A number converted for COPY, or null when the text is not a number written that way. */
export type NumberReader = (text: string) => string | null;

const digitsOnly = /^[+-]?\d+$/;
const anySpace = /[ \u00a0\u202f]/g;

/** The original conversion: the reference the scanner is tested against, and the path for unusual formats. */
export function numberTextByPatterns(format: NumberFormat): NumberReader {
  const decimal = format.decimalChar ?? '.';
  const group = format.groupChar;
  const shape = decimal === ',' ? /^[+-]?\d+(,\d+)?$/ : /^[+-]?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;
  return (text) => {
    let value = text.trim();
    if (digitsOnly.test(value)) return value;
    if (group === ' ') value = value.replace(anySpace, '');
    else if (group) value = value.split(group).join('');
    if (!shape.test(value)) return null;
    if (decimal === ',') value = value.replace(',', '.');
    if (format.integer && !digitsOnly.test(value)) return null;
    return value;
  };
}

const [zero, nine, plus, minus, dot, comma, space, lowerE, upperE] = [48, 57, 43, 45, 46, 44, 32, 101, 69];
const noBreakSpace = 0xa0;
const narrowNoBreakSpace = 0x202f;

/** Where the scanner stands in `[+-]? digits ([.,] digits)? ([eE] [+-]? digits)?`. */
const enum At { Start, Sign, Whole, Point, Fraction, Exponent, ExponentSign, ExponentDigits, Refused }

/** Only a character outside ASCII's printable range can be whitespace that `trim()` removes. */
const mayNeedTrim = (text: string) => {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= space || first >= 0x7f || last <= space || last >= 0x7f;
};

function isGroup(code: number, group: number): boolean {
  return group === space ? code === space || code === noBreakSpace || code === narrowNoBreakSpace : code === group;
}

/** The next state after `code` (never a group character: those are skipped before). */
function step(at: At, code: number, decimal: number): At {
  const isDigit = code >= zero && code <= nine;
  const isSign = code === plus || code === minus;
  switch (at) {
    case At.Start:
      return isDigit ? At.Whole : isSign ? At.Sign : code === decimal && decimal === dot ? At.Point : At.Refused;
    case At.Sign:
      return isDigit ? At.Whole : code === decimal && decimal === dot ? At.Point : At.Refused;
    case At.Whole:
      return isDigit ? At.Whole : code === decimal ? At.Point : (code === lowerE || code === upperE) && decimal === dot ? At.Exponent : At.Refused;
    case At.Point:
      return isDigit ? At.Fraction : At.Refused;
    case At.Fraction:
      return isDigit ? At.Fraction : (code === lowerE || code === upperE) && decimal === dot ? At.Exponent : At.Refused;
    case At.Exponent:
      return isDigit ? At.ExponentDigits : isSign ? At.ExponentSign : At.Refused;
    case At.ExponentSign:
    case At.ExponentDigits:
      return isDigit ? At.ExponentDigits : At.Refused;
    default:
      return At.Refused;
  }
}

/** One pass: group characters dropped, a decimal comma written as a point, the shape checked on the way. */
function scanNumber(text: string, decimal: number, group: number, integer: boolean): string | null {
  const value = mayNeedTrim(text) ? text.trim() : text;
  let at = At.Start;
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isGroup(code, group)) {
      out += value.slice(from, i);
      from = i + 1;
      continue;
    }
    at = step(at, code, decimal);
    if (at === At.Refused) return null;
    if (code === comma) {
      out += `${value.slice(from, i)}.`;
      from = i + 1;
    }
  }
  const accepted = integer ? at === At.Whole : at === At.Whole || at === At.Fraction || at === At.ExponentDigits;
  if (!accepted) return null;
  return from === 0 ? value : out + value.slice(from);
}

const scannable = new Set(['.', ',']);

/** The converter of one column's numbers: the one-pass scanner when it knows the format, else the patterns. */
export function numberReader(format: NumberFormat): NumberReader {
  const known = byteNumberFormat(format);
  if (!known) return numberTextByPatterns(format);
  return (text) => scanNumber(text, known.decimal, known.group, format.integer);
}

/**
 * The same scan over UTF-8 bytes (the import's byte path, copy-bytes.ts): the number written at `at` in `out`,
 * and where it ends; -1 when the bytes are not a number this scan accepts, or not ASCII (the caller then asks the
 * text converter, which decides). The bytes must not be padded: `trim()` would have nothing to remove.
 */
export function scanNumberBytes(source: Uint8Array, start: number, end: number, format: ByteNumberFormat, out: Uint8Array, at: number): number {
  const { decimal, group, integer } = format;
  let state = At.Start;
  let o = at;
  for (let i = start; i < end; i++) {
    const code = source[i]!;
    if (code === group) continue;
    if (code >= 0x80) return -1;
    state = step(state, code, decimal);
    if (state === At.Refused) return -1;
    out[o++] = code === comma ? dot : code;
  }
  const accepted = integer ? state === At.Whole : state === At.Whole || state === At.Fraction || state === At.ExponentDigits;
  return accepted ? o : -1;
}

/** A number format the byte scan knows: ASCII decimal and group characters (-1: no group). */
export interface ByteNumberFormat {
  decimal: number;
  group: number;
  integer: boolean;
}

/** The byte scan's view of a format, or null when only the text converter knows it. */
export function byteNumberFormat(format: NumberFormat): ByteNumberFormat | null {
  const decimal = format.decimalChar ?? '.';
  const group = format.groupChar;
  const known = scannable.has(decimal) && (group === undefined || group === '' || ((group === ' ' || scannable.has(group)) && group !== decimal));
  return known ? { decimal: decimal.charCodeAt(0), group: group ? group.charCodeAt(0) : -1, integer: format.integer } : null;
}
