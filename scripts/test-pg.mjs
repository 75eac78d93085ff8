// `npm run test:pg`: the unit and integration suite against the PostgreSQL server in DATABASE_URL
// (one fresh database per test file, so the role needs CREATEDB).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL, e.g. DATABASE_URL=postgres://palabre:palabre@127.0.0.1:5432/palabre_test npm run test:pg (scripts/pg-local.sh starts one).');
  process.exit(1);
}
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  const { rows } = await client.query('select version()');
  console.log(`== PostgreSQL: ${rows[0].version}`);
} catch (error) {
  console.error(`Cannot reach the PostgreSQL server in DATABASE_URL: ${error.message}`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}

const reportPath = join(mkdtempSync(join(tmpdir(), 'palabre-report-')), 'vitest.json');
const result = spawnSync('vitest', ['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...process.argv.slice(2)], { stdio: 'inherit' });
if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
process.exit(result.status ?? 1);
