import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { csvCell } from '../../../platform/http/csv.js';
import type { Params } from '../api/ckan/params.js';
import { columnsOf, type DatastoreQuery, type DatastoreRecord, planDatastoreQuery, readDatastoreQuery, selectRows } from './query.js';
import type { DatastoreResource } from './query.js';
import { ckanFields } from './query.js';

/** Rows per query while dumping: memory stays bounded whatever the table's size. */
export const dumpBatchSize = 10_000;

export type DumpFormat = 'csv' | 'json';

/** A dump reads CKAN's search parameters, with no default limit: the whole (filtered) table. */
export const readDumpQuery = (params: Params): DatastoreQuery => readDatastoreQuery(params, { fallback: Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

/**
 * The rows of a dump, batch by batch. In `_id` order each batch starts after the last `_id` seen (keyset: every
 * batch is an index range scan); a sorted dump pages by offset, slower on big tables but bounded in memory too.
 */
export async function* dumpBatches(db: Kysely<any>, resource: DatastoreResource, query: DatastoreQuery): AsyncGenerator<DatastoreRecord[]> {
  const first = planDatastoreQuery(resource.schema, query);
  const idColumn = columnsOf(resource.schema)[0]!;
  let remaining = query.limit;
  let afterId = query.afterId;
  let offset = query.offset;
  while (remaining > 0) {
    const size = Math.min(dumpBatchSize, remaining);
    const plan = first.idOrder ? planDatastoreQuery(resource.schema, { ...query, afterId }) : first;
    const withId = { ...plan, shown: [idColumn, ...plan.shown.filter((column) => column !== idColumn)] };
    const rows = await selectRows(db, resource.id, withId, size, offset);
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    if (first.idOrder) {
      afterId = Number(rows.at(-1)?._id);
      // The first batch honoured the caller's offset; the next ones start after the last `_id`.
      offset = 0;
    } else offset += rows.length;
    if (rows.length < size) return;
  }
}

const csvText = (value: DatastoreRecord[string]) => (typeof value === 'boolean' ? String(value) : value);

async function* csvChunks(batches: AsyncGenerator<DatastoreRecord[]>, names: string[], bom: boolean): AsyncGenerator<string> {
  yield `${bom ? '\uFEFF' : ''}${names.map(csvCell).join(',')}\r\n`;
  for await (const rows of batches) yield rows.map((row) => `${names.map((name) => csvCell(csvText(row[name] ?? null))).join(',')}\r\n`).join('');
}

/** CKAN's JSON dump: `{"fields": [...], "records": [[...], ...]}`, records as lists in field order. */
async function* jsonChunks(batches: AsyncGenerator<DatastoreRecord[]>, names: string[], fields: unknown): AsyncGenerator<string> {
  yield `{"fields": ${JSON.stringify(fields)}, "records": [`;
  let first = true;
  for await (const rows of batches) {
    yield rows.map((row) => `${first ? ((first = false), '\n') : ',\n'}${JSON.stringify(names.map((name) => row[name] ?? null))}`).join('');
  }
  yield '\n]}\n';
}

/** The dump as a stream of text: rows leave the database and reach the client one batch at a time. */
export function dumpStream(db: Kysely<any>, resource: DatastoreResource, query: DatastoreQuery, format: DumpFormat, bom: boolean): Readable {
  const plan = planDatastoreQuery(resource.schema, query);
  const names = plan.shown.map((column) => column.name);
  const batches = dumpBatches(db, resource, query);
  return Readable.from(format === 'json' ? jsonChunks(batches, names, ckanFields(plan.shown)) : csvChunks(batches, names, bom));
}
