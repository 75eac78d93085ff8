import { invalid, notFound } from './envelope.js';
import { naturalParam, objectParam, type Params, stringListParam, stringParam } from './params.js';

/** CKAN's DataStore defaults: 100 records, at most 32000 (`ckan.datastore.search.rows_max`). */
const defaultLimit = 100;
const maxLimit = 32000;

type Row = Record<string, unknown>;
interface Field {
  id: string;
  type: string;
}

/** The PostgreSQL type CKAN's DataStore would give a column, guessed from the values the module exports. */
function typeOf(values: unknown[]): string {
  const present = values.filter((value) => value !== null && value !== undefined && value !== '');
  if (present.length === 0) return 'text';
  if (present.every((value) => typeof value === 'boolean')) return 'bool';
  if (present.every((value) => typeof value === 'number' && Number.isInteger(value))) return 'int';
  if (present.every((value) => typeof value === 'number')) return 'numeric';
  if (present.every((value) => value instanceof Date)) return 'timestamp';
  return 'text';
}

/** Values as the DataStore prints them: timestamps in ISO 8601 without a zone, the rest as is. */
const jsonValue = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 19) : (value ?? null));

const textOf = (value: unknown) => (value === null || value === undefined ? '' : String(jsonValue(value)));

function filterRecords(records: Row[], fields: Field[], filters: Record<string, unknown>): Row[] {
  const known = new Set(fields.map((field) => field.id));
  for (const name of Object.keys(filters)) if (!known.has(name)) throw invalid('filters', `field "${name}" not in table`);
  return records.filter((record) =>
    Object.entries(filters).every(([name, wanted]) => (Array.isArray(wanted) ? wanted : [wanted]).some((value) => textOf(record[name]) === textOf(value))),
  );
}

/** Full text: a string looks in every text column, an object looks per column; every word must appear. */
function searchRecords(records: Row[], fields: Field[], q: unknown): Row[] {
  if (q === undefined || q === '') return records;
  const textFields = fields.filter((field) => field.type === 'text').map((field) => field.id);
  const perField: [string[], string][] = typeof q === 'string' ? [[textFields, q]] : Object.entries(q as Record<string, unknown>).map(([name, text]) => [[name], String(text)]);
  return records.filter((record) =>
    perField.every(([names, text]) => {
      const haystack = names.map((name) => textOf(record[name])).join(' ').toLowerCase();
      return text.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
    }),
  );
}

/** `"f1, f2 desc"`: numbers compare as numbers, the rest as text. */
function sortRecords(records: Row[], fields: Field[], sort: string | undefined): Row[] {
  if (!sort) return records;
  const known = new Set(fields.map((field) => field.id));
  const keys = sort.split(',').map((part) => {
    const [name = '', direction = 'asc'] = part.trim().replace(/^"|"(?=\s|$)/g, '').split(/\s+/);
    if (!known.has(name)) throw invalid('sort', `field "${name}" not in table`);
    if (direction.toLowerCase() !== 'asc' && direction.toLowerCase() !== 'desc') throw invalid('sort', `unknown direction ${direction}`);
    return { name, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const compare = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a - b : textOf(a).localeCompare(textOf(b)));
  return [...records].sort((a, b) => keys.reduce((result, key) => result || key.sign * compare(a[key.name], b[key.name]), 0));
}

/** The `q` parameter: text, or a JSON object of per-field texts. */
function queryOf(params: Params): unknown {
  const raw = params.q;
  if (typeof raw === 'string' && raw.trim().startsWith('{')) return objectParam(params, 'q');
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw;
  return stringParam(params, 'q');
}

/** The `_links` CKAN gives: paths of the first and next page on this same endpoint. */
function linksOf(actionPath: string, resourceId: string, limit: number, offset: number) {
  const page = (at: number) => `${actionPath}?${new URLSearchParams({ ...(at ? { offset: String(at) } : {}), limit: String(limit), resource_id: resourceId })}`;
  return { start: page(0), next: page(offset + limit) };
}

/**
 * `datastore_search` over the rows a module exports. Module datasets have no DataStore table: `_id` is the row's
 * position (1..n) in the export's current order, so it may shift when rows are added or removed.
 */
export function datastoreSearch(rows: Row[], resourceId: string, params: Params, actionPath: string) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const fields: Field[] = [{ id: '_id', type: 'int' }, ...columns.map((id) => ({ id, type: typeOf(rows.map((row) => row[id])) }))];
  const records: Row[] = rows.map((row, index) => ({ _id: index + 1, ...Object.fromEntries(columns.map((id) => [id, jsonValue(row[id])])) }));
  const filters = objectParam(params, 'filters') ?? {};
  const q = queryOf(params);
  const sort = stringParam(params, 'sort');
  const limit = naturalParam(params, 'limit', defaultLimit, maxLimit);
  const offset = naturalParam(params, 'offset', 0);
  const wanted = stringListParamOrCsv(params, 'fields');
  for (const name of wanted ?? []) if (!fields.some((field) => field.id === name)) throw invalid('fields', `field "${name}" not in table`);
  const found = sortRecords(searchRecords(filterRecords(records, fields, filters), fields, q), fields, sort);
  const shownFields = wanted ? fields.filter((field) => wanted.includes(field.id)) : fields;
  const page = found.slice(offset, offset + limit).map((record) => Object.fromEntries(shownFields.map((field) => [field.id, record[field.id]])));
  return {
    include_total: true,
    resource_id: resourceId,
    fields: shownFields,
    records_format: 'objects',
    records: page,
    ...(Object.keys(filters).length ? { filters } : {}),
    ...(q ? { q } : {}),
    ...(sort ? { sort } : {}),
    limit,
    offset,
    _links: linksOf(actionPath, resourceId, limit, offset),
    total: found.length,
    total_was_estimated: false,
  };
}

/** `fields` is a JSON list or CKAN's comma-separated string. */
function stringListParamOrCsv(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (typeof value === 'string' && !value.trim().startsWith('[')) return value.split(',').map((item) => item.trim()).filter(Boolean);
  return stringListParam(params, name);
}

export const resourceNotFound = (id: string) => notFound(`Resource "${id}" was not found.`);
