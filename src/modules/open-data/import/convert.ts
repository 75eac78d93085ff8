import type { DatastoreField, DatastoreSchema } from '../datastore/table-schema.js';
import { normaliseDate } from './infer.js';

/** COPY text format: `\N` is null; backslash, tab, newline and carriage return are escaped. */
export const copyNull = '\\N';
const copySpecial = /[\\\t\n\r]/;
const copyText = (value: string) =>
  copySpecial.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char]!) : value;

export type Converted = { ok: true; value: string } | { ok: false; message: string };

const fail = (message: string): Converted => ({ ok: false, message });

type Convert = (text: string) => Converted;

const digitsOnly = /^[+-]?\d+$/;
const anySpace = /[ \u00a0\u202f]/g;

/**
 * Numbers as the field declares them. Faster and a little more lenient than inference (which checks that groups
 * have three digits): a million rows pass through here.
 */
function numberConverter(field: DatastoreField, integer: boolean): Convert {
  const decimal = field.decimalChar ?? '.';
  const group = field.groupChar;
  const shape = decimal === ',' ? /^[+-]?\d+(,\d+)?$/ : /^[+-]?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;
  return (text) => {
    let value = text.trim();
    if (digitsOnly.test(value)) return { ok: true, value };
    if (group === ' ') value = value.replace(anySpace, '');
    else if (group) value = value.split(group).join('');
    if (!shape.test(value)) return fail(integer ? 'not_integer' : 'not_number');
    if (decimal === ',') value = value.replace(',', '.');
    if (integer && !digitsOnly.test(value)) return fail('not_integer');
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

/** Dates repeat a lot in a table (a few hundred days for a million rows): each text is checked once. */
function dateConverter(format: string): Convert {
  const known = new Map<string, Converted>();
  return (text) => {
    const hit = known.get(text);
    if (hit) return hit;
    const value = normaliseDate(text, format);
    const converted: Converted = value ? { ok: true, value } : fail('not_date');
    if (known.size < 50_000) known.set(text, converted);
    return converted;
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
      return dateConverter(field.format ?? '%Y-%m-%d');
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
  const fields = schema.fields;
  const typedTokens = fields.map((field) => (field.type === 'string' ? new Set(['']) : tokens));
  return (cells) => {
    if (cells.length !== fields.length) return { error: { message: 'column_count' } };
    let line = '';
    for (let index = 0; index < fields.length; index++) {
      const text = cells[index]!;
      const missing = text === '' || typedTokens[index]!.has(text.trim());
      let value: string;
      if (missing) {
        if (fields[index]!.constraints?.required) return { error: { column: fields[index]!.name, message: 'required' } };
        value = copyNull;
      } else {
        const converted = converters[index]!(text);
        if (!converted.ok) return { error: { column: fields[index]!.name, message: converted.message } };
        value = converted.value;
      }
      line += index === 0 ? value : `\t${value}`;
    }
    return { line: `${line}\n` };
  };
}
