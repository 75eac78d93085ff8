import type { DatastoreField, DatastoreSchema } from '../datastore/table-schema.js';
import { normaliseDate, normaliseNumber } from './infer.js';

/** COPY text format: `\N` is null; backslash, tab, newline and carriage return are escaped. */
export const copyNull = '\\N';
const copyText = (value: string) => value.replace(/[\\\t\n\r]/g, (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char]!);

export type Converted = { ok: true; value: string } | { ok: false; message: string };

const fail = (message: string): Converted => ({ ok: false, message });

type Convert = (text: string) => Converted;

function numberConverter(field: DatastoreField, integer: boolean): Convert {
  const format = { decimalChar: field.decimalChar ?? '.', ...(field.groupChar ? { groupChar: field.groupChar } : {}) };
  return (text) => {
    const value = normaliseNumber(text, format);
    if (value === null) return fail(integer ? 'not_integer' : 'not_number');
    if (integer && !/^[+-]?\d+$/.test(value)) return fail('not_integer');
    return { ok: true, value };
  };
}

function booleanConverter(field: DatastoreField): Convert {
  const yes = new Set((field.trueValues ?? ['true']).map((v) => v.toLowerCase()));
  const no = new Set((field.falseValues ?? ['false']).map((v) => v.toLowerCase()));
  return (text) => {
    const value = text.trim().toLowerCase();
    if (yes.has(value)) return { ok: true, value: 't' };
    return no.has(value) ? { ok: true, value: 'f' } : fail('not_boolean');
  };
}

function converterOf(field: DatastoreField): Convert {
  switch (field.type) {
    case 'integer':
      return numberConverter(field, true);
    case 'number':
      return numberConverter(field, false);
    case 'boolean':
      return booleanConverter(field);
    case 'date':
      return (text) => {
        const value = normaliseDate(text, field.format ?? '%Y-%m-%d');
        return value ? { ok: true, value } : fail('not_date');
      };
    case 'datetime':
      return (text) => (Number.isNaN(Date.parse(text.trim())) ? fail('not_datetime') : { ok: true, value: new Date(text.trim()).toISOString() });
    case 'string':
      return (text) => ({ ok: true, value: copyText(text) });
  }
}

export interface RowError {
  column?: string;
  message: string;
}

/**
 * One row of source text → one COPY line, or the reason it does not fit. "Missing" tokens other than the empty
 * cell (NA, -) only apply to typed columns: in a text column they are text.
 */
export function rowConverter(schema: DatastoreSchema): (cells: string[]) => { line: string } | { error: RowError } {
  const converters = schema.fields.map(converterOf);
  const tokens = new Set(schema.missingValues.map((value) => value.trim()));
  return (cells) => {
    if (cells.length !== schema.fields.length) return { error: { message: 'column_count' } };
    const values: string[] = [];
    for (const [index, field] of schema.fields.entries()) {
      const text = cells[index] ?? '';
      const trimmed = text.trim();
      const missing = trimmed === '' || (field.type !== 'string' && tokens.has(trimmed));
      if (missing) {
        if (field.constraints?.required) return { error: { column: field.name, message: 'required' } };
        values.push(copyNull);
        continue;
      }
      const converted = converters[index]!(text);
      if (!converted.ok) return { error: { column: field.name, message: converted.message } };
      values.push(converted.value);
    }
    return { line: `${values.join('\t')}\n` };
  };
}
