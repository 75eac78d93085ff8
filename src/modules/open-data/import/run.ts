import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { openDataDb, scoped } from '../db/open-data-db.js';
import type { DetectedFormat, StaffResourceRow } from '../db/tables.js';
import { buildDatastoreIndexesInBackground, resumeDatastoreIndexes } from '../datastore/indexes.js';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { createStagingTable, datastoreColumn, dropStagingTable, numberStagingTable, promoteStagingTable, stagingTableName } from '../datastore/tables.js';
import { binaryCopySupported } from './copy-binary.js';
import { CopyTextBuilder, emptyCounts, type LoadCounts } from './copy-text.js';
import { fieldNames, inferSchema } from './infer.js';
import { detectCsv, readRows, type SourceRow, type TabularKind } from './read.js';
import { CopyWorker, copyTextInWorker } from './worker-load.js';

/** Rows read to infer the schema; the whole file is loaded. */
const sampleRows = 10_000;
/** Progress written every this many rows (in-thread XLSX path). */
const progressEvery = 5_000;
/**
 * CSV progress is written at most this often: once per worker batch (~1 MB) would be forty UPDATEs for a 40 MB
 * file, each holding PGlite's only thread that the COPY needs.
 */
const reportEveryMs = 250;

/** `report`, skipped when the last one ran less than `ms` ago. */
function atMostEvery(ms: number, report: () => Promise<void>): () => Promise<void> {
  let last = 0;
  return async () => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    await report();
  };
}

export const tabularKind = (resource: Pick<StaffResourceRow, 'format'>): TabularKind | null =>
  resource.format === 'CSV' ? 'csv' : resource.format === 'XLSX' ? 'xlsx' : null;

/** A problem with the whole file (not one row): the import fails with this code and nothing is replaced. */
export class ImportFailure extends Error {}

async function sample(services: PlatformServices, key: string, kind: TabularKind, format: DetectedFormat) {
  const rows: SourceRow[] = [];
  for await (const batch of readRows(services.storage, key, kind, format)) {
    rows.push(...batch);
    if (rows.length > sampleRows) break;
  }
  const [header, ...body] = rows;
  if (!header || header.cells.length === 0) throw new ImportFailure('no_header');
  return { header: header.cells, body: body.map((row) => row.cells) };
}

interface Progress extends LoadCounts {
  bytesRead: number;
}

/** The COPY lines of a sheet's rows, converted on this thread (XLSX: the reader is a stream of parsed rows, not bytes). */
async function* copyLinesInThread(batches: AsyncGenerator<SourceRow[]>, schema: DatastoreSchema, progress: Progress, report: () => Promise<void>): AsyncGenerator<string> {
  const builder = new CopyTextBuilder(schema, progress);
  let sinceReport = 0;
  // Lines go to COPY a batch at a time: one await per row would cost more than the conversion itself.
  for await (const rows of batches) {
    const text = builder.add(rows);
    if (text) yield text;
    sinceReport += rows.length;
    if (sinceReport >= progressEvery) {
      sinceReport = 0;
      await report();
    }
  }
}

/** The COPY text of the whole file: CSV bytes converted in a worker thread beside the COPY, XLSX rows here. */
function copyLines(services: PlatformServices, key: string, format: DetectedFormat, schema: DatastoreSchema, progress: Progress, report: () => Promise<void>, worker: CopyWorker | null): AsyncGenerator<string | Uint8Array> {
  const onBytes = (bytes: number) => { progress.bytesRead = bytes; };
  if (!worker) return copyLinesInThread(readRows(services.storage, key, 'xlsx', format, onBytes), schema, progress, report);
  const data = { encoding: format.encoding ?? 'utf-8', delimiter: format.delimiter ?? ',', schema, binary: binaryCopy(services, schema, worker) };
  return copyTextInWorker(services.storage.read(key), data, progress, onBytes, atMostEvery(reportEveryMs, report), worker);
}

/** PGlite reads binary tuples cheaper than text lines, and its COPY holds our thread: the worker sends them (CSV). */
const binaryCopy = (services: PlatformServices, schema: DatastoreSchema, worker: CopyWorker | null) =>
  services.databaseKind === 'pglite' && worker !== null && binaryCopySupported(schema);

async function loadFile(services: PlatformServices, importId: string, resource: StaffResourceRow, kind: TabularKind, detected: DetectedFormat) {
  // The CSV's worker thread starts now, so that its start overlaps detection and inference.
  const worker = kind === 'csv' ? new CopyWorker() : null;
  try {
    return await loadWith(services, importId, resource, kind, detected, worker);
  } finally {
    await worker?.stop();
  }
}

async function loadWith(services: PlatformServices, importId: string, resource: StaffResourceRow, kind: TabularKind, detected: DetectedFormat, worker: CopyWorker | null) {
  const key = resource.storage_key!;
  const format: DetectedFormat = kind === 'csv' ? { ...(await detectCsv(services.storage, key)), ...(detected.schema ? { schema: detected.schema } : {}) } : { ...detected };
  const { header, body } = await sample(services, key, kind, format);
  const schema = detected.schema ?? inferSchema(header, body);
  if (schema.fields.length !== header.length) throw new ImportFailure('schema_mismatch');
  const names = fieldNames(header);
  const renamed: DatastoreSchema = { ...schema, fields: schema.fields.map((field, index) => ({ ...field, title: field.title ?? names[index] })) };
  const db = scoped(services.db, resource.commune_id);
  const progress: Progress = { bytesRead: 0, ...emptyCounts() };
  await db.updateTable('open_data_imports').set({ detected: JSON.stringify(format) }).where('id', '=', importId).execute();
  const report = () => db.updateTable('open_data_imports').set({ bytes_read: progress.bytesRead, rows_loaded: progress.rowsLoaded, rows_rejected: progress.rejected }).where('id', '=', importId).execute().then(() => undefined);
  await createStagingTable(services.db, resource.id, renamed);
  const columns = ['_id', ...renamed.fields.map((_field, index) => datastoreColumn(index))].map((column) => `"${column}"`).join(', ');
  await services.copyIn(`COPY datastore.${stagingTableName(resource.id)} (${columns}) FROM STDIN`, copyLines(services, key, format, renamed, progress, report, worker), { binary: binaryCopy(services, renamed, worker) });
  await numberStagingTable(services.db, resource.id, progress.rowsLoaded);
  await report();
  return { schema: renamed, progress, format };
}

async function finish(services: PlatformServices, importId: string, resource: StaffResourceRow, loaded: Awaited<ReturnType<typeof loadFile>>) {
  await services.db.transaction().execute(async (trx) => {
    await promoteStagingTable(trx, resource.id);
    const db = scoped(trx, resource.commune_id);
    await db.updateTable('open_data_resources')
      .set({ table_schema: JSON.stringify(loaded.schema), datastore_active: true, datastore_rows: loaded.progress.rowsLoaded, modified_at: new Date() })
      .where('id', '=', resource.id).execute();
    await db.updateTable('open_data_imports')
      .set({ state: 'done', errors: JSON.stringify(loaded.progress.errors), rows_rejected: loaded.progress.rejected, rows_loaded: loaded.progress.rowsLoaded, detected: JSON.stringify({ ...loaded.format, schema: loaded.schema }), finished_at: new Date() })
      .where('id', '=', importId).execute();
  });
}

async function fail(services: PlatformServices, importId: string, resource: Pick<StaffResourceRow, 'id' | 'commune_id'>, error: unknown) {
  await dropStagingTable(services.db, resource.id).catch(() => undefined);
  const code = error instanceof ImportFailure ? error.message : 'unreadable';
  await scoped(services.db, resource.commune_id).updateTable('open_data_imports').set({ state: 'failed', failure: code, finished_at: new Date() }).where('id', '=', importId).execute();
}

/** Loads the file of an import's resource into its datastore table; the previous table stays until it succeeds. */
export async function runImport(services: PlatformServices, importId: string): Promise<void> {
  const od = openDataDb(services.db);
  const claimed = await od.updateTable('open_data_imports').set({ state: 'running' }).where('id', '=', importId).where('state', '=', 'queued').returningAll().executeTakeFirst();
  if (!claimed) return; // another process took it, or it already ran
  const resource = await od.selectFrom('open_data_resources').selectAll().where('id', '=', claimed.resource_id).where('commune_id', '=', claimed.commune_id).executeTakeFirst();
  const kind = resource ? tabularKind(resource) : null;
  if (!resource || !kind || !resource.storage_key) return fail(services, importId, { id: claimed.resource_id, commune_id: claimed.commune_id }, new ImportFailure('not_tabular'));
  try {
    const loaded = await loadFile(services, importId, resource, kind, claimed.detected);
    await finish(services, importId, resource, loaded);
    // The new table is live; its indexes come after, so that the import itself stays as fast as the load.
    void buildDatastoreIndexesInBackground(services.db, resource.id, loaded.schema);
  } catch (error) {
    await fail(services, importId, resource, error);
  }
}

/** Queues an import of the resource's file (with a schema staff corrected, or inferred) and starts it in the background. */
export async function startImport(services: PlatformServices, options: { communeId: string; resourceId: string; actorId: string | null; schema?: DatastoreSchema }): Promise<string> {
  const db = scoped(services.db, options.communeId);
  const resource = await db.selectFrom('open_data_resources').select(['id', 'byte_size']).where('id', '=', options.resourceId).executeTakeFirstOrThrow();
  const queued = await db.insertInto('open_data_imports', {
    resource_id: resource.id, bytes_total: resource.byte_size ?? 0, created_by: options.actorId,
    detected: JSON.stringify(options.schema ? { schema: options.schema } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  if (options.actorId) await recordAudit(services.db, { communeId: options.communeId, actorUserId: options.actorId, action: 'open-data.import.start', resourceType: 'open_data_resource', resourceId: resource.id, details: { importId: queued.id, schemaCorrected: Boolean(options.schema) } });
  void runImport(services, queued.id).catch(() => undefined);
  return queued.id;
}

/**
 * Imports left queued (a restart) are run; running ones without progress for 30 minutes are given up; tables whose
 * indexes were not all built get them.
 */
export async function resumeImports(services: PlatformServices, now: Date): Promise<void> {
  const od = openDataDb(services.db);
  await od.updateTable('open_data_imports').set({ state: 'failed', failure: 'interrupted', finished_at: now })
    .where('state', '=', 'running').where('created_at', '<', new Date(now.getTime() - 30 * 60_000)).execute();
  const queued = await od.selectFrom('open_data_imports').select('id').where('state', '=', 'queued').orderBy('created_at').limit(5).execute();
  for (const { id } of queued) await runImport(services, id);
  await resumeDatastoreIndexes(services.db);
}

/** The latest import of a resource, for its status page. */
export const latestImport = (services: PlatformServices, communeId: string, resourceId: string) =>
  scoped(services.db, communeId).selectFrom('open_data_imports').selectAll().where('resource_id', '=', resourceId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
