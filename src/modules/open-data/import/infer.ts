import type { DatastoreField, DatastoreSchema } from '../datastore/table-schema.js';

/*
 * Our own inference: the Table Schema inferers published for JavaScript are unmaintained and know neither French
 * decimal commas with spaces between thousands ("1 234,50") nor day/month/year dates, which is how the communes'
 * spreadsheets write numbers and dates.
 */

const spaces = /[ \u00a0\u202f]/g;

export interface NumberFormat {
  decimalChar: string;
  groupChar?: string;
}

export const numberFormats: NumberFormat[] = [{ decimalChar: '.' }, { decimalChar: ',', groupChar: ' ' }, { decimalChar: ',', groupChar: '.' }, { decimalChar: '.', groupChar: ',' }];

const groupedPatterns = new Map<string, RegExp>();

/** The shape of a number with thousands grouped ("1 234 567,50"), built once per format: imports test millions. */
function groupedPattern(format: NumberFormat): RegExp {
  const key = `${format.groupChar}${format.decimalChar}`;
  let pattern = groupedPatterns.get(key);
  if (!pattern) {
    const escape = (char: string) => (char === '.' ? '\\.' : char);
    pattern = new RegExp(`^[+-]?\\d{1,3}(${escape(format.groupChar!)}\\d{3})*(${escape(format.decimalChar)}\\d+)?$`);
    groupedPatterns.set(key, pattern);
  }
  return pattern;
}

const plainNumber = /^[+-]?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;

/** "1 234,50" → "1234.50" under a format, or null when the text is not a number written that way. */
export function normaliseNumber(text: string, format: NumberFormat): string | null {
  let value = text.trim();
  if (format.groupChar) {
    value = value.replace(spaces, ' ');
    if (!groupedPattern(format).test(value)) return null;
    value = value.split(format.groupChar).join('');
  }
  if (format.decimalChar === ',') {
    if (value.includes('.')) return null;
    value = value.replace(',', '.');
  }
  return plainNumber.test(value) ? value : null;
}

/** Codes such as "007" or "06011" keep their leading zeros: they are identifiers, not quantities. */
const hasLeadingZero = (text: string) => /^[+-]?0\d/.test(text.trim());

export const dateFormats = ['%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%m/%d/%Y'] as const;
const datePatterns: Record<(typeof dateFormats)[number], RegExp> = {
  '%Y-%m-%d': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  '%d/%m/%Y': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  '%d-%m-%Y': /^(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})$/,
  '%d.%m.%Y': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  '%m/%d/%Y': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
};

/** "31/10/2026" under "%d/%m/%Y" → "2026-10-31", or null when it is not a real date written that way. */
export function normaliseDate(text: string, format: string): string | null {
  const match = datePatterns[format as (typeof dateFormats)[number]]?.exec(text.trim());
  if (!match?.groups) return null;
  const { y, m, d } = match.groups as { y: string; m: string; d: string };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const booleanPairs: [string[], string[]][] = [[['oui'], ['non']], [['true'], ['false']], [['vrai'], ['faux']], [['yes'], ['no']], [['sim'], ['não', 'nao']]];

/** Tokens that mean "no value" in otherwise typed columns (a string column keeps them as text). */
const missingTokens = ['NA', 'N/A', 'n/a', '-', 'nd', 'ND'];

function inferField(name: string, values: string[]): { field: DatastoreField; missing: Set<string> } {
  const missing = new Set(values.filter((value) => value.trim() === '' || missingTokens.includes(value.trim())).map((value) => value.trim()));
  const present = values.map((value) => value.trim()).filter((value) => value !== '' && !missing.has(value));
  const field = (extra: Partial<DatastoreField>): DatastoreField => ({ name, type: 'string', ...extra, constraints: { required: missing.size === 0 && present.length > 0 } });
  if (present.length === 0) return { field: field({}), missing: new Set() };
  const typed = (result: DatastoreField) => ({ field: result, missing });
  if (!present.some(hasLeadingZero)) {
    for (const format of numberFormats) {
      const numbers = present.map((value) => normaliseNumber(value, format));
      if (numbers.every((value) => value !== null)) {
        const integer = numbers.every((value) => /^[+-]?\d+$/.test(value!));
        return typed(field({ type: integer ? 'integer' : 'number', ...(format.decimalChar !== '.' ? { decimalChar: format.decimalChar } : {}), ...(format.groupChar ? { groupChar: format.groupChar } : {}) }));
      }
    }
  }
  const dateFormat = dateFormats.find((format) => present.every((value) => normaliseDate(value, format) !== null));
  if (dateFormat) return typed(field({ type: 'date', format: dateFormat }));
  if (present.every((value) => isoDateTime.test(value))) return typed(field({ type: 'datetime' }));
  const lower = new Set(present.map((value) => value.toLowerCase()));
  const pair = booleanPairs.find(([yes, no]) => [...lower].every((value) => yes.includes(value) || no.includes(value)));
  if (pair) return typed(field({ type: 'boolean', trueValues: pair[0], falseValues: pair[1] }));
  // A text column keeps "-" or "NA" as text: only an empty cell is missing there.
  return { field: { ...field({}), constraints: { required: values.every((value) => value.trim() !== '') } }, missing: new Set() };
}

/** Column names from the header: trimmed, an empty one becomes column_<n>, a repeated one gets _2, _3… */
export function fieldNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const base = raw.trim() || `column_${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count > 1 ? `${base}_${count}` : base;
  });
}

/** The Table Schema of a sample: the narrowest type every value of a column fits, and what means "missing". */
export function inferSchema(header: string[], rows: string[][]): DatastoreSchema {
  const names = fieldNames(header);
  const missingValues = new Set<string>(['']);
  const fields = names.map((name, index) => {
    const inferred = inferField(name, rows.map((row) => row[index] ?? ''));
    for (const token of inferred.missing) missingValues.add(token);
    return inferred.field;
  });
  return { fields, missingValues: [...missingValues] };
}
