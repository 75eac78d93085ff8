import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { benchApp, latencyOf } from './in-process.js';

/**
 * CKAN `package_search` with BENCH_DATASETS staff datasets (default 10,000, three resources each) spread over
 * the two demo communes, through the real application (in-process requests, one at a time: the latency of one
 * call, not the throughput of the machine). Database: PGlite, or PostgreSQL when BENCH_DATABASE_URL is set.
 */
const datasetCount = Number(process.env.BENCH_DATASETS ?? 10_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 60);

const palabre = await benchApp();
const db = palabre.services.db;

// Set-based inserts: titles and descriptions vary so free-text queries select a realistic share.
async function seedDatasets(): Promise<void> {
  const words = sql`(array['budget','écoles','eau','marchés','santé','voirie','déchets','état civil'])`;
  await sql`
    insert into open_data_datasets (commune_id, name, title, description, themes, keywords, licence_id, frequency, version, state, modified_at)
    select c.id, 'bench-' || n,
      jsonb_build_object('fr', 'Jeu ' || n || ' : ' || ${words}[1 + n % 8], 'en', 'Dataset ' || n),
      jsonb_build_object('fr', 'Données sur ' || ${words}[1 + (n / 8) % 8] || ' de la commune, mises à jour chaque mois.'),
      case when n % 3 = 0 then '["ECON","GOVE"]'::jsonb else '["SOCI"]'::jsonb end,
      jsonb_build_array(${words}[1 + n % 8]), case when n % 2 = 0 then 'cc-by' else 'odc-odbl' end,
      'MONTHLY', '1.' || n, 'published', now() - (n || ' minutes')::interval
    from generate_series(1, ${datasetCount}) n
    join lateral (select id from communes order by slug offset n % 2 limit 1) c on true`.execute(db);
  await sql`
    insert into open_data_resources (commune_id, dataset_id, position, name, kind, storage_key, filename, format, media_type, byte_size, sha256)
    select d.commune_id, d.id, f.position, 'fichier-' || f.position || '.' || lower(f.format), 'file', 'bench/' || d.id || '/' || f.position, 'f.' || lower(f.format), f.format, f.media, 1000 + f.position, repeat('ab', 32)
    from open_data_datasets d
    cross join (values (0, 'CSV', 'text/csv'), (1, 'PDF', 'application/pdf'), (2, 'XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) f(position, format, media)
    where d.name like 'bench-%'`.execute(db);
  await sql`analyze`.execute(db);
}

const started = performance.now();
await seedDatasets();
console.log(`Seeded ${datasetCount} datasets in ${((performance.now() - started) / 1000).toFixed(1)} s (${palabre.services.databaseKind}).`);
const calls: [string, string][] = [
  ['network, first page (rows=10)', '/api/3/action/package_search'],
  ['network, q=budget', '/api/3/action/package_search?q=budget'],
  ['network, fq=res_format:PDF, rows=100', '/api/3/action/package_search?fq=res_format:PDF&rows=100'],
  ['network, facets (organization, tags, res_format, license_id)', '/api/3/action/package_search?facet.field=%5B%22organization%22,%22tags%22,%22res_format%22,%22license_id%22%5D'],
  ['network, sort=metadata_modified desc, start=5000', '/api/3/action/package_search?sort=metadata_modified%20desc&start=5000'],
  ['harvester: fq=metadata_modified:[2026-01-01T00:00:00Z TO *], rows=1000', '/api/3/action/package_search?fq=metadata_modified:%5B2026-01-01T00:00:00Z%20TO%20*%5D&rows=1000'],
  ['one commune, first page', '/ndar-toute/api/3/action/package_search'],
  ['portal page /data?q=budget', '/data?q=budget'],
];
console.log(`\n| call (${datasetCount} datasets, ${palabre.services.databaseKind}) | p50 (ms) | p95 (ms) |\n|---|---:|---:|`);
for (const [label, url] of calls) {
  const { p50, p95 } = await latencyOf(palabre.app, url, iterations);
  console.log(`| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
}
await palabre.close();
