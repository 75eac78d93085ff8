// `npm test`: the whole suite, stopping at the first failing step.
// Steps: typecheck, lint, XSS scan, chromium check, then Vitest (unit + integration on PGlite, browser tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const wanted = (process.env.PALABRE_TEST_STEPS ?? 'typecheck,lint,xss,chromium,vitest').split(',');
const extraArgs = process.argv.slice(2);

function run(title, command, args, env = process.env) {
  console.log(`\n== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  console.log(`== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Browser tests need Chromium: run "sudo apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('install chromium (apt-get)', 'sh', ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium'], env);
}

function printSummary(reportPath) {
  if (!existsSync(reportPath)) return;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

if (wanted.includes('typecheck')) run('typecheck', 'tsc', ['--noEmit']);
if (wanted.includes('lint')) run('lint', 'eslint', ['--max-warnings', '0', '.']);
if (wanted.includes('xss')) run('xss-scan', 'xss-scan', []);
if (wanted.includes('chromium')) ensureChromium();
if (wanted.includes('vitest')) {
  // The fast suite always uses the embedded database, whatever the developer's environment says.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const reportPath = join(mkdtempSync(join(tmpdir(), 'palabre-report-')), 'vitest.json');
  console.log('\n== vitest (unit, integration on PGlite, browser)');
  const result = spawnSync('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...extraArgs], { stdio: 'inherit', env });
  printSummary(reportPath);
  process.exit(result.status ?? 1);
}
