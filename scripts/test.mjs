// `npm test`: the whole suite, stopping at the first failing step with a non-zero exit code.
//   typecheck (tsc) → lint (eslint) → xss (xss-scan) → chromium (present, or installed when root)
//   → vitest (project "unit": unit + integration tests on PGlite; project "browser": test/e2e in chromium)
// PALABRE_TEST_STEPS=typecheck,lint,xss,chromium,vitest selects steps (default: all, in that order).
// Extra arguments go to vitest: `npm test -- --project unit src/platform`.
// The vitest step never sees DATABASE_URL: the fast suite always runs on the embedded PGlite
// (`npm run test:pg` is the same suite against PostgreSQL).
import { reportAndExit } from './vitest-summary.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'node_modules', '.bin');
// The project's own Node (npm package `node`) and tools first, even when this file is run with the system node.
const baseEnv = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };

const allSteps = ['typecheck', 'lint', 'xss', 'chromium', 'vitest'];
const wanted = (process.env.PALABRE_TEST_STEPS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = wanted.filter((s) => !allSteps.includes(s));
if (unknown.length) {
  console.error(`PALABRE_TEST_STEPS: unknown step(s) ${unknown.join(', ')}; known: ${allSteps.join(',')}`);
  process.exit(1);
}
const steps = wanted.length ? allSteps.filter((s) => wanted.includes(s)) : allSteps;
const vitestArgs = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function tool(name) {
  const path = join(bin, name);
  if (!existsSync(path)) {
    console.error(`${name} not found in node_modules/.bin: run "npm ci" first.`);
    process.exit(1);
  }
  return path;
}

function seconds(started) {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

function exitCode(result) {
  if (result.error) console.error(result.error.message);
  if (result.signal) console.error(`killed by ${result.signal}`);
  return result.status ?? 1;
}

/** Runs one step; exits with its code when it fails. `check` may turn a zero exit into a failure. */
function step(title, command, args, { env = baseEnv, capture = false, check } = {}) {
  console.log(`\n== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (capture) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
  }
  let code = exitCode(result);
  const problem = code === 0 && check ? check(result) : undefined;
  if (problem) {
    console.error(problem);
    code = 1;
  }
  console.log(`== ${title}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds(started)}`);
  if (code !== 0) process.exit(code);
}

function ensureChromium() {
  console.log('\n== chromium');
  if (existsSync(chromiumPath)) {
    console.log(`== chromium: ${chromiumPath}`);
    return;
  }
  const installHint = 'Browser tests need Chromium: run "sudo apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.';
  if (process.env.CHROMIUM_PATH) {
    // An explicit path that apt-get would not fill.
    console.error(`Browser tests need Chromium: CHROMIUM_PATH=${chromiumPath} does not exist (fix it, or unset it and install Debian's chromium).`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error(installHint);
    process.exit(1);
  }
  console.log(`${chromiumPath} is missing; installing Debian's chromium with apt-get (running as root)`);
  step('install chromium (apt-get)', 'sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    env: { ...baseEnv, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(chromiumPath)) {
    console.error(installHint);
    process.exit(1);
  }
}


function runVitest() {
  const env = { ...baseEnv };
  delete env.DATABASE_URL;
  const reportDir = mkdtempSync(join(tmpdir(), 'palabre-vitest-'));
  const reportPath = join(reportDir, 'report.json');
  console.log('\n== vitest (unit + integration on PGlite, browser in chromium)');
  const started = Date.now();
  const result = spawnSync(
    tool('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...vitestArgs],
    { cwd: root, env, stdio: 'inherit' },
  );
  const code = exitCode(result);
  console.log(`== vitest: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds(started)}`);
  reportAndExit(reportPath, reportDir, code);
}

for (const name of steps) {
  if (name === 'typecheck') step('typecheck', tool('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (name === 'lint') step('lint', tool('eslint'), ['--max-warnings', '0', '.']);
  if (name === 'xss') {
    // Exit 1: unsafe JSX; exit 2: warnings only (e.g. an unused `safe`), also a failure here.
    // xss-scan swallows its own crashes with exit 0, so a pass must also print its success line.
    step('xss-scan', tool('xss-scan'), ['--project', 'tsconfig.json'], {
      capture: true,
      check: (result) =>
        /No XSS vulnerabilities found/.test(result.stdout ?? '') ? undefined : 'xss-scan exited 0 without reporting a result',
    });
  }
  if (name === 'chromium') ensureChromium();
  if (name === 'vitest') runVitest();
}
