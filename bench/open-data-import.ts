import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { scoped } from '../src/modules/open-data/db/open-data-db.js';
import { datastoreIndexesBuilt } from '../src/modules/open-data/datastore/indexes.js';
import { runImport } from '../src/modules/open-data/import/run.js';
import { benchApp } from './in-process.js';

/**
 * The tabular import of a CSV of BENCH_ROWS rows (default 1,000,000) written as a French spreadsheet exports it
 * (semicolons, decimal commas with spaces between thousands, day/month/year dates), against PostgreSQL's own
 * COPY of the same file in the same run. COPY cannot read "1 234,50" or "31/10/2026", so the baseline loads
 * every column as text: it is the cost of moving the bytes, the floor no import can go under. The import's time
 * ends when its table is live (swapped in); the indexes built after it, in the background, are timed apart.
 */
const rowCount = Number(process.env.BENCH_ROWS ?? 1_000_000);

const palabre = await benchApp();
const { services } = palabre;

const quartiers = ['Guet Ndar', 'Sor', 'Pikine', 'Balacoss', 'Diamaguène'];
// "1 234 567,89": a space between every group of three digits (a lone space before the last three made "1234 567,89",
// which is not a number, so the column was inferred as text).
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const amount = (n: number) => `${grouped(n)},${String(n % 100).padStart(2, '0')}`;

function frenchCsv(rows: number): string {
  const lines = ['Numéro;Quartier;Montant (FCFA);Date;Payé'];
  for (let i = 1; i <= rows; i++) lines.push(`${i};${quartiers[i % 5]};${amount((i * 7919) % 9_999_999)};${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2026;${i % 3 ? 'oui' : 'non'}`);
  return `${lines.join('\n')}\n`;
}

const text = frenchCsv(rowCount);
const bytes = Buffer.byteLength(text);
const communeId = (await services.db.selectFrom('communes').select('id').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow()).id;
const db = scoped(services.db, communeId);
const dataset = await db.insertInto('open_data_datasets', { name: `bench-import-${Date.now()}`, title: JSON.stringify({ fr: 'Bench' }), licence_id: 'cc-by' }).returning('id').executeTakeFirstOrThrow();
const resource = await db.insertInto('open_data_resources', { dataset_id: dataset.id, name: 'bench.csv', kind: 'file', storage_key: 'bench/bench.csv', filename: 'bench.csv', format: 'CSV', media_type: 'text/csv', byte_size: bytes }).returning('id').executeTakeFirstOrThrow();
await services.storage.put('bench/bench.csv', Buffer.from(text));

/** The file after its header, in line-aligned pieces of about 64 KB (PGlite's COPY must not split a row). */
async function* linesOf(content: string): AsyncGenerator<string> {
  let start = content.indexOf('\n') + 1;
  while (start < content.length) {
    const end = content.indexOf('\n', Math.min(content.length - 1, start + 65_536));
    const stop = end === -1 ? content.length : end + 1;
    yield content.slice(start, stop);
    start = stop;
  }
}

async function baseline(): Promise<number> {
  await sql`drop table if exists bench_copy`.execute(services.db);
  await sql`create table bench_copy (numero text, quartier text, montant text, date text, paye text)`.execute(services.db);
  const started = performance.now();
  await services.copyIn(`COPY bench_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';')`, linesOf(text));
  return performance.now() - started;
}

let indexMs = 0;

async function ourImport(): Promise<{ ms: number; loaded: number; rejected: number }> {
  const queued = await db.insertInto('open_data_imports', { resource_id: resource.id, bytes_total: bytes }).returning('id').executeTakeFirstOrThrow();
  const started = performance.now();
  await runImport(services, queued.id);
  const ms = performance.now() - started;
  const indexing = performance.now();
  await datastoreIndexesBuilt(resource.id);
  indexMs = performance.now() - indexing;
  const done = await db.selectFrom('open_data_imports').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
  if (done.state !== 'done') throw new Error(`import ${done.state}: ${done.failure}`);
  return { ms, loaded: done.rows_loaded, rejected: done.rows_rejected };
}

const copyMs = await baseline();
const imported = await ourImport();
const rate = (ms: number) => Math.round(rowCount / (ms / 1000));
console.log(`\n| ${rowCount} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${services.databaseKind} | seconds | rows/s |\n|---|---:|---:|`);
console.log(`| PostgreSQL COPY (csv, every column text) | ${(copyMs / 1000).toFixed(1)} | ${rate(copyMs)} |`);
console.log(`| Palabre import (detect, infer, convert, COPY typed, swap: the table is live) | ${(imported.ms / 1000).toFixed(1)} | ${rate(imported.ms)} |`);
console.log(`| then its indexes, in the background (key on _id, B-tree per column, trigram per text column) | ${(indexMs / 1000).toFixed(1)} | |`);
console.log(`\nImport / COPY = ${(rate(imported.ms) / rate(copyMs) * 100).toFixed(0)} % (target ≥ 50 %); ${imported.loaded} rows loaded, ${imported.rejected} refused.`);
await palabre.close();
