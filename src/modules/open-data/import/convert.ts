import type { DatastoreField, DatastoreFieldType, DatastoreSchema } from '../datastore/table-schema.js';
import { normaliseDate } from './infer.js';
import { numberReader } from './number-text.js';

/** COPY text format: `\N` is null; backslash, tab, newline and carriage return are escaped. */
export const copyNull = '\\N';
const copySpecial = /[\\\t\n\r]/;
const copyText = (value: string) =>
  copySpecial.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char]!) : value;

/** A converter gives the COPY text of a value, or null when the value does not fit (one reason per field type). */
export type Convert = (text: string) => string | null;

/** A column of yes/no takes a handful of distinct texts: each is read once. */
function booleanConverter(field: DatastoreField): Convert {
  const yes = new Set((field.trueValues ?? ['true']).map((v) => v.toLowerCase()));
  const no = new Set((field.falseValues ?? ['false']).map((v) => v.toLowerCase()));
  const known = new Map<string, string | null>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const value = text.trim().toLowerCase();
    const converted = yes.has(value) ? 't' : no.has(value) ? 'f' : null;
    if (known.size < 1_000) known.set(text, converted);
    return converted;
  };
}

/** Dates repeat a lot in a table (a few hundred days for a million rows): each text is checked once. */
function dateConverter(format: string): Convert {
  const known = new Map<string, string | null>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const value = normaliseDate(text, format);
    if (known.size < 50_000) known.set(text, value);
    return value;
  };
}

const datetimeText: Convert = (text) => (Number.isNaN(Date.parse(text.trim())) ? null : new Date(text.trim()).toISOString());

export function converterOf(field: DatastoreField): Convert {
  switch (field.type) {
    case 'integer':
      return numberReader({ decimalChar: field.decimalChar, groupChar: field.groupChar, integer: true });
    case 'number':
      return numberReader({ decimalChar: field.decimalChar, groupChar: field.groupChar, integer: false });
    case 'boolean':
      return booleanConverter(field);
    case 'date':
      return dateConverter(field.format ?? '%Y-%m-%d');
    case 'datetime':
      return datetimeText;
    case 'string':
      return copyText;
  }
}

const failureOf: Record<DatastoreFieldType, string> = {
  integer: 'not_integer',
  number: 'not_number',
  boolean: 'not_boolean',
  date: 'not_date',
  datetime: 'not_datetime',
  string: 'not_text',
};

export interface RowError {
  column?: string;
  message: string;
}

/** Whether `text` may trim to one of the "missing" tokens: a value longer than every token, and not padded, cannot. */
function missingTest(tokens: Set<string>): (text: string) => boolean {
  const longest = Math.max(0, ...[...tokens].map((token) => token.length));
  return (text) => {
    if (text === '') return true;
    const padded = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 || text.charCodeAt(0) >= 0x7f || text.charCodeAt(text.length - 1) >= 0x7f;
    return (text.length <= longest || padded) && tokens.has(text.trim());
  };
}

/** The longest "missing" token of typed columns, trimmed: a longer value that is not padded is never missing. */
export const longestMissingToken = (schema: DatastoreSchema) => Math.max(0, ...schema.missingValues.map((value) => value.trim().length));

/**
 * One cell's text → its COPY text, or the reason it does not fit. "Missing" tokens other than the empty cell
 * (NA, -) only apply to typed columns: in a text column they are text.
 */
export function cellConverter(schema: DatastoreSchema): (index: number, text: string) => string | RowError {
  const converters = schema.fields.map(converterOf);
  const tokens = new Set(schema.missingValues.map((value) => value.trim()));
  const fields = schema.fields;
  const isMissing = fields.map((field) => missingTest(field.type === 'string' ? new Set(['']) : tokens));
  return (index, text) => {
    if (isMissing[index]!(text)) return fields[index]!.constraints?.required ? { column: fields[index]!.name, message: 'required' } : copyNull;
    return converters[index]!(text) ?? { column: fields[index]!.name, message: failureOf[fields[index]!.type] };
  };
}

/**
 * One row of source text → its COPY line (after `prefix`, with its line end), or the reason it does not fit.
 * No object per value and one string per row (pushing values and separators into one array per batch cost twice
 * as much): a million rows of a dozen cells pass through here when the file is not read as bytes (copy-bytes.ts).
 */
export function rowConverter(schema: DatastoreSchema): (cells: string[], prefix: string) => string | RowError {
  const cell = cellConverter(schema);
  const last = schema.fields.length - 1;
  return (cells, prefix) => {
    if (cells.length !== schema.fields.length) return { message: 'column_count' };
    let line = prefix;
    for (let index = 0; index <= last; index++) {
      const value = cell(index, cells[index]!);
      if (typeof value !== 'string') return value;
      line += index === last ? `${value}\n` : `${value}\t`;
    }
    return line;
  };
}
