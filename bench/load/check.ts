import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env, load, loadAverage, serverUrlOrExit, type Server, startBare, startCluster, table } from './lib.js';
import { compareRatios, describe, type Ratios } from './regression.js';
import { checkProxyCaching, startProxy } from './proxy.js';
import { ballotSubmissions, findTargets, signInUsers } from './scenarios.js';
import { ensureSeed } from './seed.js';

/**
 * The short form of the load benchmarks, for CI (`npm run bench:load:check`, in .ci/run after the PostgreSQL
 * tests): on a small seed, WORKERS application processes and as many bare-route processes, it measures for a few
 * seconds each the bare Fastify route, the commune home page (from the app, and through nginx with
 * deploy/nginx/palabre-proxy.conf) and ballot submission, and fails (exit 1) when a ratio is more than 30 % below
 * the ratio recorded in bench/load/baseline.json. A failing
 * ratio is measured a second time and the better of the two kept: one noisy moment on a shared machine is not a
 * regression, a slower application is slower twice.
 *
 * Environment (defaults in brackets): BENCH_DATABASE_URL / DATABASE_URL (required), BENCH_SCALE [0.01],
 * BENCH_REUSE [1], WORKERS [2], BENCH_CONNECTIONS [20], BENCH_SECONDS [5] per measure,
 * BENCH_RECORD=1 writes the median of three measured ratios to bench/load/baseline.json instead of checking them.
 */

const baselineFile = fileURLToPath(new URL('./baseline.json', import.meta.url));
const workers = env.number('WORKERS', 2);
const connections = env.number('BENCH_CONNECTIONS', 20);
const seconds = env.number('BENCH_SECONDS', 5);
const started = Date.now();

const seed = await ensureSeed(serverUrlOrExit('bench:load:check'), env.number('BENCH_SCALE', 0.01), (process.env.BENCH_REUSE ?? '1') === '1');
const targets = await findTargets(seed.url);
const prefix = await signInUsers(seed.url, seed.sizes.users);

async function measure(app: Server, bare: Server, proxy: Server): Promise<Ratios> {
  const ballots = await ballotSubmissions(seed.url, targets, prefix, seed.sizes.users);
  const rows = [
    await load({ name: 'bare Fastify route', url: `${bare.base}/`, connections, seconds }),
    await load({ name: 'commune home', url: `${app.base}/${targets.slug}/`, connections, seconds }),
    await load({ name: 'ballot submission (303)', url: app.base, connections, seconds, requests: ballots.requests, success: [303] }),
    await load({ name: 'commune home through nginx', url: `${proxy.base}/${targets.slug}/`, connections, seconds }),
  ];
  console.log(table(`bench:load:check (${workers} workers, ${connections} connections, ${seconds} s each; load ${await loadAverage()})`, rows));
  const [bareRow, home, ballot, proxied] = rows as [typeof rows[0], typeof rows[0], typeof rows[0], typeof rows[0]];
  // A wrong answer always fails; a lost socket on a crowded machine only beyond one in ten thousand requests.
  const broken = rows.filter((r) => r.non2xx > 0 || r.errors * 10_000 > r.requests);
  if (broken.length > 0) throw new Error(`errors or unexpected statuses: ${broken.map((r) => r.name).join(', ')}`);
  return { pageToBare: home.rps / bareRow.rps, ballotsToBare: ballot.rps / bareRow.rps, proxiedPageToBare: proxied.rps / bareRow.rps };
}

const [app, bare] = await Promise.all([startCluster(seed.url, workers), startBare(workers)]);
const proxy = await startProxy(app);
let exitCode = 0;
try {
  await checkProxyCaching(proxy, targets.slug, `palabre_session=${prefix}1`);
  // Warm-up of both paths (JIT, pools): the first ballots of a fresh process are slower.
  await load({ name: 'warm-up', url: `${app.base}/${targets.slug}/`, connections, seconds: 2 });
  const warmBallots = await ballotSubmissions(seed.url, targets, prefix, seed.sizes.users);
  await load({ name: 'warm-up', url: app.base, connections, seconds: 2, requests: warmBallots.requests, success: [303] });
  let ratios = await measure(app, bare, proxy);
  if (process.env.BENCH_RECORD === '1') {
    // The record is the median of three measures, so that one lucky or unlucky moment does not set the bar.
    const more = [await measure(app, bare, proxy), await measure(app, bare, proxy)];
    ratios = Object.fromEntries(Object.keys(ratios).map((k) => [k, [ratios[k]!, ...more.map((m) => m[k]!)].sort((a, b) => a - b)[1]!]));
    writeFileSync(baselineFile, `${JSON.stringify({ recorded: new Date().toISOString(), workers, connections, seconds, scale: env.number('BENCH_SCALE', 0.01), ratios }, null, 2)}\n`);
    console.log(`Recorded ${JSON.stringify(ratios)} in bench/load/baseline.json`);
  } else {
    const baseline = (JSON.parse(readFileSync(baselineFile, 'utf8')) as { ratios: Ratios }).ratios;
    let verdicts = compareRatios(ratios, baseline);
    if (verdicts.some((v) => !v.ok)) {
      console.log('\nA ratio is below its floor: measuring again.');
      const again = await measure(app, bare, proxy);
      ratios = Object.fromEntries(Object.keys(ratios).map((k) => [k, Math.max(ratios[k]!, again[k]!)]));
      verdicts = compareRatios(ratios, baseline);
    }
    console.log(`\n${describe(verdicts)}`);
    if (verdicts.some((v) => !v.ok)) exitCode = 1;
  }
} finally {
  await proxy.stop();
  await Promise.all([app.stop(), bare.stop()]);
}
console.log(`bench:load:check ${exitCode === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(exitCode);
