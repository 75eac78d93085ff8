import { type Kysely, type RawBuilder, sql } from 'kysely';
import { invalid } from '../api/ckan/envelope.js';
import { booleanParam, naturalParam, objectParam, type Params, stringListParam, stringParam } from '../api/ckan/params.js';
import type { DatastoreField, DatastoreFieldType, DatastoreSchema } from './table-schema.js';
import { datastoreColumn, datastoreTable, datastoreTableName } from './tables.js';

/** CKAN's DataStore defaults: 100 records, at most 32000 (`ckan.datastore.search.rows_max`). */
export const defaultLimit = 100;
export const maxLimit = 32000;

/** An imported table: the resource id names the table, the schema maps field names to columns c1…cN. */
export interface DatastoreResource {
  id: string;
  schema: DatastoreSchema;
  /** Rows loaded by the import: the exact total of an unfiltered search, for free. */
  rows: number | null;
}

/** The type names CKAN's DataStore prints in `fields` for each Table Schema type. */
export const ckanTypes: Record<DatastoreFieldType, string> = {
  string: 'text',
  integer: 'int',
  number: 'numeric',
  boolean: 'bool',
  date: 'date',
  datetime: 'timestamp',
};

export interface CkanField {
  id: string;
  type: string;
  info?: { label?: string; notes?: string };
}

type Column = { name: string; column: string; field: DatastoreField | null };
type Filters = Record<string, unknown>;

/** What a search asks for, read and validated from CKAN parameters before any SQL is built. */
export interface DatastoreQuery {
  filters: Filters;
  q: string | Record<string, string> | undefined;
  sort: string | undefined;
  fields: string[] | undefined;
  limit: number;
  offset: number;
  /** Our extension to CKAN: keyset paging, rows whose `_id` is greater than this (in `_id` order only). */
  afterId: number | undefined;
  includeTotal: boolean;
  totalEstimationThreshold: number | undefined;
}

export type DatastoreValue = string | number | boolean | null;
export type DatastoreRecord = Record<string, DatastoreValue>;

const idColumn: Column = { name: '_id', column: '_id', field: null };

export function columnsOf(schema: DatastoreSchema): Column[] {
  return [idColumn, ...schema.fields.map((field, index) => ({ name: field.name, column: datastoreColumn(index), field }))];
}

export function ckanFields(columns: Column[]): CkanField[] {
  return columns.map(({ name, field }) => {
    if (!field) return { id: name, type: 'int' };
    const info = { ...(field.title ? { label: field.title } : {}), ...(field.description ? { notes: field.description } : {}) };
    return { id: name, type: ckanTypes[field.type], ...(Object.keys(info).length ? { info } : {}) };
  });
}

function columnNamed(columns: Column[], param: string, name: string): Column {
  const found = columns.find((column) => column.name === name);
  if (!found) throw invalid(param, `field "${name}" not in table`);
  return found;
}

/** A filter value in the column's own type: a value the type cannot hold is a validation error, never an SQL error. */
function typedValue(column: Column, value: unknown): string | number | boolean {
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? withoutNul(String(value)).trim() : null;
  const refuse = () => invalid('filters', `invalid value for field "${column.name}"`);
  if (text === null) throw refuse();
  const type = column.field?.type ?? 'integer';
  if (type === 'integer') {
    if (!/^-?\d{1,18}$/.test(text)) throw refuse();
    return text;
  }
  if (type === 'number') {
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) throw refuse();
    return text;
  }
  if (type === 'boolean') {
    if (!['true', 'false'].includes(text.toLowerCase())) throw refuse();
    return text.toLowerCase() === 'true';
  }
  if (type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw refuse();
  if (type === 'datetime' && (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text) || Number.isNaN(Date.parse(text)))) throw refuse();
  return text;
}

const castOf: Record<DatastoreFieldType, RawBuilder<unknown>> = {
  string: sql`text`,
  integer: sql`bigint`,
  number: sql`numeric`,
  boolean: sql`boolean`,
  date: sql`date`,
  // Naive datetimes are read as UTC, the zone the DataStore prints them in.
  datetime: sql`timestamptz`,
};

function filterCondition(column: Column, wanted: unknown): RawBuilder<unknown> {
  const values = (Array.isArray(wanted) ? wanted : [wanted]).map((value) => typedValue(column, value));
  if (values.length === 0) throw invalid('filters', `no value for field "${column.name}"`);
  const cast = castOf[column.field?.type ?? 'integer'];
  const list = sql.join(values.map((value) => sql`cast(${value} as ${cast})`));
  return sql`${sql.ref(column.column)} in (${list})`;
}

// Folds case and the common Latin accents in SQL (PGlite has no `unaccent`), matching foldText on the words.
const accented = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿœæ';
const plain = 'aaaaaaceeeeiiiinooooouuuuyyoa';
// NUL cannot be stored in a text column (PostgreSQL refuses it even as a parameter): it is dropped, not an error.
const withoutNul = (text: string) => text.replaceAll('\u0000', '');
const foldText = (text: string) => withoutNul(text).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
/**
 * The folded text of a column. The letters are literals, not parameters: the trigram index of each text column is
 * built on this very expression (datastore/indexes.ts), and the planner only uses it when the two are identical.
 */
export const foldedText = (column: string) => sql`translate(lower(${sql.ref(column)}), ${sql.lit(accented)}, ${sql.lit(plain)})`;
const foldedColumn = (column: Column) => foldedText(column.column);
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Letters an accented letter folds to: in the cheap pre-check they match any one character.
const foldTargets = new RegExp(`[${[...new Set(plain)].join('')}]`, 'g');

/**
 * `translate` costs ~10× a plain `lower … like` per row: a cheap necessary condition runs first (the word with its
 * foldable letters as `_`), so only the few rows that pass it are folded and compared exactly.
 */
function wordInColumn(column: Column, word: string): RawBuilder<unknown> {
  const skeleton = likePattern(word).replace(foldTargets, '_');
  return sql`(lower(${sql.ref(column.column)}) like ${skeleton} and ${foldedColumn(column)} like ${likePattern(word)})`;
}

/** Every word must appear in one of the columns (CKAN's full text, approximated by substring matching). */
function textCondition(columns: Column[], text: string): RawBuilder<unknown> | null {
  const words = foldText(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (columns.length === 0) return sql`false`;
  return sql.join(
    words.map((word) => sql`(${sql.join(columns.map((column) => wordInColumn(column, word)), sql` or `)})`),
    sql` and `,
  );
}

/** Splits `"f 1" desc, f2` on commas outside quotes. */
function sortParts(sort: string): string[] {
  return sort.match(/("[^"]*"|[^,])+/g)?.map((part) => part.trim()).filter(Boolean) ?? [];
}

function sortKeys(columns: Column[], sort: string | undefined): { column: Column; desc: boolean }[] {
  if (!sort) return [];
  return sortParts(sort).map((part) => {
    const quoted = /^"([^"]*)"\s*(\w*)$/.exec(part);
    const plainPart = /^(.*?)(?:\s+(asc|desc))?$/i.exec(part);
    const [name, direction] = quoted ? [quoted[1] ?? '', quoted[2] ?? ''] : [plainPart?.[1] ?? '', plainPart?.[2] ?? ''];
    if (direction && !/^(asc|desc)$/i.test(direction)) throw invalid('sort', `unknown direction ${direction}`);
    return { column: columnNamed(columns, 'sort', name), desc: direction.toLowerCase() === 'desc' };
  });
}

/** The `q` parameter: text, or a JSON object of per-field texts. */
function queryTextOf(params: Params): DatastoreQuery['q'] {
  const raw = params.q;
  const object = typeof raw === 'string' && raw.trim().startsWith('{') ? objectParam(params, 'q') : raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!object) return stringParam(params, 'q');
  for (const value of Object.values(object)) if (typeof value !== 'string') throw invalid('q', 'Must be a string or an object of strings');
  return object as Record<string, string>;
}

/** `fields` is a JSON list or CKAN's comma-separated string. */
function fieldListOf(params: Params): string[] | undefined {
  const value = params.fields;
  if (typeof value === 'string' && !value.trim().startsWith('[')) return value.split(',').map((item) => item.trim()).filter(Boolean);
  return stringListParam(params, 'fields');
}

export function readDatastoreQuery(params: Params, limits = { fallback: defaultLimit, max: maxLimit }): DatastoreQuery {
  const afterId = stringParam(params, 'after_id') === undefined ? undefined : naturalParam(params, 'after_id', 0);
  const threshold = stringParam(params, 'total_estimation_threshold');
  return {
    filters: objectParam(params, 'filters') ?? {},
    q: queryTextOf(params),
    sort: stringParam(params, 'sort'),
    fields: fieldListOf(params),
    limit: naturalParam(params, 'limit', limits.fallback, limits.max),
    offset: naturalParam(params, 'offset', 0),
    afterId,
    includeTotal: booleanParam(params, 'include_total', true),
    totalEstimationThreshold: threshold === undefined ? undefined : naturalParam(params, 'total_estimation_threshold', 0),
  };
}

/** The validated pieces of SQL one search needs: conditions, order, selected columns. */
export interface DatastorePlan {
  columns: Column[];
  shown: Column[];
  where: RawBuilder<unknown>;
  /** The same conditions without the keyset cursor: what `total` counts (every matching row, not those left). */
  matchWhere: RawBuilder<unknown>;
  orderBy: RawBuilder<unknown>;
  /** True when rows come in `_id` order, so keyset paging on `_id` is exact. */
  idOrder: boolean;
  filtered: boolean;
}

export function planDatastoreQuery(schema: DatastoreSchema, query: DatastoreQuery): DatastorePlan {
  const columns = columnsOf(schema);
  const textColumns = columns.filter((column) => column.field?.type === 'string');
  const conditions: RawBuilder<unknown>[] = Object.entries(query.filters).map(([name, value]) => filterCondition(columnNamed(columns, 'filters', name), value));
  const q = query.q;
  if (typeof q === 'string') conditions.push(...[textCondition(textColumns, q)].filter((c) => c !== null));
  else if (q) for (const [name, text] of Object.entries(q)) {
    const column = columnNamed(columns, 'q', name);
    const condition = textCondition(column.field?.type === 'string' ? [column] : [], text);
    if (condition) conditions.push(condition);
  }
  const keys = sortKeys(columns, query.sort);
  const idOrder = keys.length === 0 || (keys.length === 1 && keys[0]?.column === idColumn && !keys[0].desc);
  if (query.afterId !== undefined && !idOrder) throw invalid('after_id', 'only with rows in _id order (no sort)');
  const filtered = conditions.length > 0;
  const matchWhere = filtered ? sql.join(conditions, sql` and `) : sql`true`;
  if (query.afterId !== undefined) conditions.push(sql`_id > ${query.afterId}`);
  const shown = query.fields ? query.fields.map((name) => columnNamed(columns, 'fields', name)) : columns;
  // `_id` last breaks ties, so pages never overlap nor skip rows.
  const order = [...keys.map(({ column, desc }) => sql`${sql.ref(column.column)} ${sql.raw(desc ? 'desc' : 'asc')}`), sql`_id asc`];
  return { columns, shown, where: conditions.length ? sql.join(conditions, sql` and `) : sql`true`, matchWhere, orderBy: sql.join(order), idOrder, filtered };
}

/** Values as CKAN's DataStore prints them: numbers as JSON numbers, timestamps in ISO 8601 without a zone. */
function printed(column: Column, value: unknown): DatastoreValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 19);
  const type = column.field?.type ?? 'integer';
  if (type === 'integer' || type === 'number') return Number(value);
  if (type === 'datetime') return new Date(String(value)).toISOString().slice(0, 19);
  return value as DatastoreValue;
}

/** One page of rows: the one SQL query of a search. */
export async function selectRows(db: Kysely<any>, resourceId: string, plan: DatastorePlan, limit: number, offset: number): Promise<DatastoreRecord[]> {
  const select = sql.join(plan.shown.map((column, index) => sql`${sql.ref(column.column)} as ${sql.ref(`v${index}`)}`));
  const result = await sql<Record<string, unknown>>`select ${select} from ${datastoreTable(resourceId)} where ${plan.where} order by ${plan.orderBy} limit ${limit} offset ${offset}`.execute(db);
  return result.rows.map((row) => Object.fromEntries(plan.shown.map((column, index) => [column.name, printed(column, row[`v${index}`])])));
}

/**
 * The total: the import's row count when nothing filters (exact and free), the planner's estimate (`reltuples`)
 * when the caller allows one above `total_estimation_threshold` (CKAN 2.10), otherwise `count(*)`.
 */
async function totalOf(db: Kysely<any>, resource: DatastoreResource, plan: DatastorePlan, query: DatastoreQuery): Promise<{ total: number; estimated: boolean }> {
  if (!plan.filtered) {
    if (resource.rows !== null) return { total: resource.rows, estimated: false };
    if (query.totalEstimationThreshold !== undefined) {
      const estimate = await sql<{ n: number }>`select reltuples::bigint as n from pg_class where oid = to_regclass(${`datastore.${datastoreTableName(resource.id)}`})`.execute(db);
      const n = Number(estimate.rows[0]?.n ?? -1);
      if (n > query.totalEstimationThreshold) return { total: n, estimated: true };
    }
  }
  const counted = await sql<{ n: number }>`select count(*)::bigint as n from ${datastoreTable(resource.id)} where ${plan.matchWhere}`.execute(db);
  return { total: Number(counted.rows[0]?.n ?? 0), estimated: false };
}

export interface DatastoreResult {
  fields: CkanField[];
  records: DatastoreRecord[];
  total: number | undefined;
  totalWasEstimated: boolean;
  /** The `_id` of the last record, for the keyset `next` link (keyset calls only). */
  lastId: number | undefined;
}

/** A search on an imported table: validates everything against the schema, then runs one SQL query (and a count). */
export async function searchDatastore(db: Kysely<any>, resource: DatastoreResource, query: DatastoreQuery): Promise<DatastoreResult> {
  const plan = planDatastoreQuery(resource.schema, query);
  const records = await selectRows(db, resource.id, plan, query.limit, query.afterId === undefined ? query.offset : 0);
  const counted = query.includeTotal ? await totalOf(db, resource, plan, query) : undefined;
  // Only keyset calls need it: looking it up by position would cost as much as the offset itself.
  const lastId = query.afterId !== undefined && records.length > 0 ? await lastIdOf(db, resource.id, plan, records) : undefined;
  return { fields: ckanFields(plan.shown), records, total: counted?.total, totalWasEstimated: counted?.estimated ?? false, lastId };
}

/** `_id` may not be among the fields asked for: then the last row's `_id` is looked up by its position. */
async function lastIdOf(db: Kysely<any>, resourceId: string, plan: DatastorePlan, records: DatastoreRecord[]): Promise<number | undefined> {
  const shownId = records.at(-1)?._id;
  if (typeof shownId === 'number') return shownId;
  const position = records.length - 1;
  const row = await sql<{ _id: number }>`select _id from ${datastoreTable(resourceId)} where ${plan.where} order by _id limit 1 offset ${position}`.execute(db);
  return row.rows[0]?._id;
}
