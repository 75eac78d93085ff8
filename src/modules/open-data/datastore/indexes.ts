import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { openDataDb } from '../db/open-data-db.js';
import { foldedText } from './query.js';
import type { DatastoreSchema } from './table-schema.js';
import { datastoreColumn, datastoreTable, datastoreTableName } from './tables.js';

/*
 * Indexes of an imported table, built after the import has swapped it in: the table is queryable (by `_id`, with
 * scans) while they build, and the import is not slowed by them. A B-tree per column serves `sort` (with an
 * incremental sort on `_id` for ties) and `filters`; a trigram GIN index on each text column's folded text serves
 * `q` (substring, case and accents folded: the same expression datastore/query.ts searches).
 */

export interface DatastoreIndex {
  name: string;
  ddl: RawBuilder<unknown>;
}

/** The indexes a table of this schema gets, named from the table (63 characters at most: r_ + 32 + _c999_q). */
export function datastoreIndexes(resourceId: string, schema: DatastoreSchema): DatastoreIndex[] {
  const table = datastoreTable(resourceId);
  const base = datastoreTableName(resourceId);
  const columns = schema.fields.map((field, index) => ({ field, column: datastoreColumn(index) }));
  // The key first (paging by `_id`), then B-trees, a second or so each: sorts and filters are fast while the slower
  // trigram indexes build.
  const key = { name: `${base}_pkey`, ddl: sql`create unique index if not exists ${sql.id(`${base}_pkey`)} on ${table} (_id)` };
  const sortIndexes = columns.map(({ column }) => ({ name: `${base}_${column}`, ddl: sql`create index if not exists ${sql.id(`${base}_${column}`)} on ${table} (${sql.ref(column)})` }));
  const textIndexes = columns.filter(({ field }) => field.type === 'string').map(({ column }) => ({
    name: `${base}_${column}_q`,
    ddl: sql`create index if not exists ${sql.id(`${base}_${column}_q`)} on ${table} using gin ((${foldedText(column)}) gin_trgm_ops)`,
  }));
  return [key, ...sortIndexes, ...textIndexes];
}

/** Makes the unique index on `_id` the table's primary key, unless it has one (a table made with its key). */
async function promoteKey(db: Kysely<any>, resourceId: string): Promise<void> {
  const keyed = await sql<{ n: number }>`select count(*)::int as n from pg_constraint where conrelid = to_regclass(${`datastore.${datastoreTableName(resourceId)}`}) and contype = 'p'`.execute(db);
  if ((keyed.rows[0]?.n ?? 0) > 0) return;
  const index = sql.id(`${datastoreTableName(resourceId)}_pkey`);
  await sql`alter table ${datastoreTable(resourceId)} add constraint ${index} primary key using index ${index}`.execute(db);
}

/**
 * Builds the table's indexes one at a time, then refreshes the planner's statistics. On PGlite each statement holds
 * the process's only database connection while it runs; between two, other queries are served.
 */
export async function buildDatastoreIndexes(db: Kysely<any>, resourceId: string, schema: DatastoreSchema): Promise<void> {
  const [key, ...others] = datastoreIndexes(resourceId, schema);
  await key!.ddl.execute(db);
  await promoteKey(db, resourceId);
  for (const index of others) await index.ddl.execute(db);
  await sql`analyze ${datastoreTable(resourceId)}`.execute(db);
}

const building = new Map<string, Promise<void>>();

/**
 * Starts building the indexes without waiting. A table replaced or dropped meanwhile only makes the build stop:
 * the next import builds them again.
 */
export function buildDatastoreIndexesInBackground(db: Kysely<any>, resourceId: string, schema: DatastoreSchema): Promise<void> {
  const previous = building.get(resourceId) ?? Promise.resolve();
  const next = previous.then(() => buildDatastoreIndexes(db, resourceId, schema)).catch(() => undefined);
  building.set(resourceId, next);
  void next.then(() => {
    if (building.get(resourceId) === next) building.delete(resourceId);
  });
  return next;
}

/** Whether a table's indexes are still being built (the import's status page says so). */
export const datastoreIndexing = (resourceId: string): boolean => building.has(resourceId);

/** Waits until the indexes being built for this table, if any, are done (tests, benches). */
export const datastoreIndexesBuilt = (resourceId: string): Promise<void> => building.get(resourceId) ?? Promise.resolve();

/**
 * Every imported table gets the indexes it lacks: the process may have stopped while building them. Run by the
 * imports job (every minute); one catalogue query, nothing built when nothing is missing.
 */
export async function resumeDatastoreIndexes(db: Kysely<PlatformTables>): Promise<void> {
  const resources = await openDataDb(db).selectFrom('open_data_resources').select(['id', 'table_schema']).where('datastore_active', '=', true).execute();
  const existing = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'datastore'`.execute(db);
  const built = new Set(existing.rows.map((row) => row.indexname));
  for (const { id, table_schema: schema } of resources) {
    if (!schema || datastoreIndexing(id)) continue;
    if (datastoreIndexes(id, schema).some((index) => !built.has(index.name))) await buildDatastoreIndexesInBackground(db, id, schema);
  }
}
