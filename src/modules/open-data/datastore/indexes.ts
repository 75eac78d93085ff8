import { type Kysely, type RawBuilder, sql } from 'kysely';
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
  // B-trees first: a second or so each, they make sorts and filters fast while the slower trigram indexes build.
  const sortIndexes = columns.map(({ column }) => ({ name: `${base}_${column}`, ddl: sql`create index if not exists ${sql.id(`${base}_${column}`)} on ${table} (${sql.ref(column)})` }));
  const textIndexes = columns.filter(({ field }) => field.type === 'string').map(({ column }) => ({
    name: `${base}_${column}_q`,
    ddl: sql`create index if not exists ${sql.id(`${base}_${column}_q`)} on ${table} using gin ((${foldedText(column)}) gin_trgm_ops)`,
  }));
  return [...sortIndexes, ...textIndexes];
}

/**
 * Builds the table's indexes one at a time, then refreshes the planner's statistics. On PGlite each statement holds the process's only database connection while
 * it runs; between two, other queries are served.
 */
export async function buildDatastoreIndexes(db: Kysely<any>, resourceId: string, schema: DatastoreSchema): Promise<void> {
  for (const index of datastoreIndexes(resourceId, schema)) await index.ddl.execute(db);
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
