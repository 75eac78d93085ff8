import { performance } from 'node:perf_hooks';
import { latencyOf } from './in-process.js';
import { buildDatastoreIndexes } from '../src/modules/open-data/datastore/indexes.js';
import { createImportedResource, sampleSchema } from '../src/modules/open-data/datastore/test-fixture.js';
import { createTestApp } from '../src/test-support/test-app.js';

/**
 * Issue 7: `datastore_search` on an imported table of BENCH_ROWS rows (default 1,000,000, loaded with
 * generate_series), through the whole HTTP app (Fastify inject: routing, parameter checks, SQL, JSON), one call
 * at a time, BENCH_CALLS times each (default 40, after 3 warm-up calls). `q` and `sort` are timed before the
 * table's indexes are built (as right after an import; at most 10 calls: they are slow), then the index build is
 * timed, then every call with the indexes. PGlite by default; PostgreSQL when
 * DATABASE_URL is set (a fresh database is created on that server, as for the test suite).
 */
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const calls = Number(process.env.BENCH_CALLS ?? 40);

const t = await createTestApp();
try {
  const loading = performance.now();
  const { id } = await createImportedResource(t.services.db, { rows });
  const loadSeconds = ((performance.now() - loading) / 1000).toFixed(1);
  const api = `/ndar-toute/api/3/action/datastore_search?resource_id=${id}`;
  const half = Math.floor(rows / 2);
  const cases: [string, string][] = [
    ['first page (limit 100, total from the import)', `${api}&limit=100`],
    [`offset ${half.toLocaleString('en')}`, `${api}&limit=100&offset=${half}`],
    [`keyset after_id ${half.toLocaleString('en')}`, `${api}&limit=100&after_id=${half}`],
    ['filter on an integer column (with exact total)', `${api}&limit=100&filters=${encodeURIComponent('{"Quartier n°": 7}')}`],
    ['filter, include_total=false', `${api}&limit=100&include_total=false&filters=${encodeURIComponent('{"Quartier n°": 7}')}`],
    ['q "ecole 4999" (substring, accents folded)', `${api}&limit=100&q=${encodeURIComponent('ecole 4999')}`],
    ['sort on a numeric column, desc', `${api}&limit=100&sort=${encodeURIComponent('Montant desc')}`],
  ];
  const unindexed: [string, number, number][] = [];
  for (const [name, url] of cases.slice(-2)) {
    const { p50, p95 } = await latencyOf(t.app, url, Math.min(calls, 10));
    unindexed.push([`${name}, before indexes`, p50, p95]);
  }
  const indexing = performance.now();
  await buildDatastoreIndexes(t.services.db, id, sampleSchema);
  const indexSeconds = ((performance.now() - indexing) / 1000).toFixed(1);
  const results: [string, number, number][] = [...unindexed];
  for (const [name, url] of cases) {
    const { p50, p95 } = await latencyOf(t.app, url, calls);
    results.push([name, p50, p95]);
  }
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\n### datastore_search on ${rows.toLocaleString('en')} rows, ${engine} (table loaded in ${loadSeconds} s, indexes built in ${indexSeconds} s; ${calls} calls each, one at a time)\n`);
  console.log('| call | p50 (ms) | p95 (ms) |\n|---|---:|---:|');
  for (const [name, p50, p95] of results) console.log(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
} finally {
  await t.close();
}
