// `npm run test:pg`: the unit + integration suite (vitest project "unit") against the PostgreSQL
// server named by DATABASE_URL. The test database helper creates one fresh database per test file
// on that server and drops it afterwards, so the role needs CREATEDB.
// `eval "$(scripts/pg-local.sh)"` starts a throw-away server and prints the matching DATABASE_URL.
// Extra arguments go to vitest: `npm run test:pg -- src/platform/db`.
import { reportAndExit } from './vitest-summary.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'node_modules', '.bin');

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'test:pg needs a PostgreSQL server whose role may CREATEDB: DATABASE_URL=postgres://user:pass@127.0.0.1:5432/palabre_test npm run test:pg (as root, eval "$(scripts/pg-local.sh)" starts one)',
  );
  process.exit(1);
}

console.log('== PostgreSQL server (DATABASE_URL)');
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
try {
  await client.connect();
  const { rows } = await client.query(
    'select version() as version, current_user as role, (select rolcreatedb or rolsuper from pg_roles where rolname = current_user) as can_create',
  );
  const { version, role, can_create: canCreate } = rows[0];
  console.log(version);
  if (!canCreate) {
    console.error(`Role "${role}" cannot create databases: run "alter role ${role} createdb" as a superuser (each test file gets a fresh database).`);
    process.exit(1);
  }
} catch (error) {
  // The message never contains the password; the URL might, so it is not printed.
  console.error(`Cannot reach the PostgreSQL server in DATABASE_URL: ${error.message}`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}

const vitest = join(bin, 'vitest');
if (!existsSync(vitest)) {
  console.error('vitest not found in node_modules/.bin: run "npm ci" first.');
  process.exit(1);
}
// Suites about HTTP handling and authorisation over every route, whose SQL is the same on both engines: they run in
// `npm test` (PGlite) and are left out here to keep CI under its time budget.
const engineIndependentExcluded = process.argv.length > 2 ? [] : ['--exclude', 'src/fuzz/**', '--exclude', 'src/route-access.test.ts'];
const reportDir = mkdtempSync(join(tmpdir(), 'palabre-vitest-'));
const reportPath = join(reportDir, 'report.json');
console.log('\n== vitest --project unit (integration on PostgreSQL)');
const started = Date.now();
const result = spawnSync(
  vitest,
  ['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...engineIndependentExcluded, ...process.argv.slice(2)],
  // The project's own Node (npm package `node`) first, even when this file is run with the system node.
  { cwd: root, stdio: 'inherit', env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } },
);
if (result.error) console.error(result.error.message);
if (result.signal) console.error(`killed by ${result.signal}`);
const code = result.status ?? 1;
console.log(`== vitest: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);


reportAndExit(reportPath, reportDir, code);
