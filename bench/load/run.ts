import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { env, load, loadAverage, type Row, serverUrlOrExit, type Server, startBare, startCluster, table, withClient } from './lib.js';
import { checkProxyCaching, startProxy } from './proxy.js';
import { account, type Accounting, ballotSubmissions, browsingPages, complaintSubmissions, findTargets, loadPages, openDataPaths, signInUsers } from './scenarios.js';
import { ensureSeed } from './seed.js';

/**
 * Load at national scale (issue 12): the application in production mode as `npm run start:cluster` runs it,
 * on PostgreSQL with the seed of bench/load/seed.ts, loaded with autocannon over loopback.
 *
 *   eval "$(PGPORT=5471 scripts/pg-local.sh)"
 *   BENCH_REUSE=1 npm run bench:load
 *
 * Environment (defaults in brackets):
 *   BENCH_DATABASE_URL / DATABASE_URL   PostgreSQL server whose role may CREATEDB (required)
 *   BENCH_SCALE [1]  BENCH_REUSE [0]    seed size and reuse (see bench/load/seed.ts)
 *   WORKERS [2]                         application processes (and bare-route processes)
 *   BENCH_CONNECTIONS [20]              connections of each run; the burst uses three times as many
 *   BENCH_SECONDS [300]                 steady ballot submission
 *   BENCH_BURST_SECONDS [60]            ballot burst right after it
 *   BENCH_PAGE_SECONDS [10]             each page alone, the ratio runs, the open-data calls
 *   BENCH_MIXED_SECONDS [20]            the mixed browsing run, complaint filing
 *   BENCH_COMPARE_WORKERS [1]           also measure home page and ballots with 1 worker (set 0 to skip)
 *   BENCH_SCENARIOS [ratio,browsing,opendata,complaints,ballots,workers]
 *   BENCH_OUT [<tmp>/palabre-load-<time>.json]   the JSON summary
 *
 * Prints a table per scenario (req/s of successful answers, p50, p95, p99 in ms, socket errors, non-2xx) and
 * the acknowledged-versus-stored check of each submission scenario; writes everything to the JSON summary.
 */

const scale = env.number('BENCH_SCALE', 1);
const workers = env.number('WORKERS', 2);
const connections = env.number('BENCH_CONNECTIONS', 20);
const steadySeconds = env.number('BENCH_SECONDS', 300);
const burstSeconds = env.number('BENCH_BURST_SECONDS', 60);
const pageSeconds = env.number('BENCH_PAGE_SECONDS', 10);
const mixedSeconds = env.number('BENCH_MIXED_SECONDS', 20);
const scenarios = new Set((process.env.BENCH_SCENARIOS ?? 'ratio,browsing,opendata,complaints,ballots,workers').split(','));
const out = process.env.BENCH_OUT ?? join(tmpdir(), `palabre-load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);

const serverUrl = serverUrlOrExit('bench:load');
const seed = await ensureSeed(serverUrl, scale, process.env.BENCH_REUSE === '1');
const postgres = await withClient(seed.url, async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v);
const summary: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, ramGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres },
  seed: { database: seed.database, sizes: seed.sizes, seconds: seed.seconds, reused: seed.reused },
  workers,
  connections,
};
console.log(`Seed ${seed.database} (${seed.reused ? 'reused' : 'seeded'}): ${JSON.stringify(seed.sizes)}, seeded in ${seed.seconds} s`);

const targets = await findTargets(seed.url);
// Voters from the first user up, complaint filers from the middle: one session each, made for this run.
const sessionsPrefix = await signInUsers(seed.url, seed.sizes.users);
const firstFiler = Math.floor(seed.sizes.users / 2) + 1;

async function withServers<T>(count: number, work: (app: Server, bare: Server) => Promise<T>): Promise<T> {
  const [app, bare] = await Promise.all([startCluster(seed.url, count), startBare(count)]);
  try {
    // Warm-up: JIT, pools and caches, as on a server that has been running.
    await load({ name: 'warm-up', url: `${app.base}/${targets.slug}/`, connections, seconds: 3 });
    return await work(app, bare);
  } finally {
    await Promise.all([app.stop(), bare.stop()]);
  }
}

function report(key: string, title: string, rows: Row[], extra: Record<string, unknown> = {}): void {
  console.log(table(title, rows));
  summary[key] = { rows, ...extra };
}

async function ratioScenario(app: Server, bare: Server): Promise<void> {
  const load1 = await loadAverage();
  const proxy = await startProxy(app);
  try {
    await checkProxyCaching(proxy, targets.slug, `palabre_session=${sessionsPrefix}1`);
    const rows = [
      await load({ name: 'bare Fastify route', url: `${bare.base}/`, connections, seconds: pageSeconds }),
      await load({ name: 'commune home, the app alone', url: `${app.base}/${targets.slug}/`, connections, seconds: pageSeconds }),
      await load({ name: 'commune home through nginx (deploy/nginx, page cache)', url: `${proxy.base}/${targets.slug}/`, connections, seconds: pageSeconds }),
    ];
    const [direct, proxied] = [rows[1]!.rps / rows[0]!.rps, rows[2]!.rps / rows[0]!.rps];
    report('ratio', `Page vs bare Fastify route (${workers} worker(s) each, load ${load1})`, rows, { pageToBare: direct, proxiedPageToBare: proxied, load: load1 });
    console.log(`\nCommune home / bare route = ${(direct * 100).toFixed(2)} % from the app alone, ${(proxied * 100).toFixed(2)} % through the proxy (target ≥ 30 %).`);
  } finally {
    await proxy.stop();
  }
}

async function browsingScenario(app: Server): Promise<void> {
  const load1 = await loadAverage();
  const rows = await loadPages(app.base, await browsingPages(app.base, targets), connections, pageSeconds, mixedSeconds);
  report('browsing', `Browsing (${connections} connections, ${pageSeconds} s each, mixed ${mixedSeconds} s; load ${load1})`, rows, { load: load1 });
}

async function openDataScenario(app: Server): Promise<void> {
  const load1 = await loadAverage();
  const rows = await loadPages(app.base, openDataPaths(targets), connections, pageSeconds, mixedSeconds);
  report('openData', `Open-data API (${connections} connections, ${pageSeconds} s each; load ${load1})`, rows, { load: load1 });
}

function printAccounting(what: string, a: Accounting): void {
  console.log(`\n${what}: sent ${a.sent}, acknowledged ${a.acknowledged}, stored ${a.stored} — ${a.ok ? 'every acknowledged one stored once, nothing else but requests in flight at the stop' : 'MISMATCH'}`);
}

async function complaintScenario(app: Server): Promise<void> {
  const load1 = await loadAverage();
  const complaints = await complaintSubmissions(seed.url, targets, sessionsPrefix, seed.sizes.users, firstFiler);
  const row = await load({ name: 'complaint filing (201)', url: app.base, connections, seconds: mixedSeconds, requests: complaints.requests });
  const accounting = await account(complaints, [row], 201, connections);
  report('complaints', `Complaint filing (${connections} connections, ${mixedSeconds} s; load ${load1})`, [row], { accounting, load: load1 });
  printAccounting('Complaints', accounting);
}

async function ballotScenario(app: Server): Promise<void> {
  const ballots = await ballotSubmissions(seed.url, targets, sessionsPrefix, firstFiler - 1);
  const loadSteady = await loadAverage();
  const steady = await load({ name: `steady, ${connections} connections, ${steadySeconds} s`, url: app.base, connections, seconds: steadySeconds, requests: ballots.requests, success: [303] });
  const loadBurst = await loadAverage();
  const burst = await load({ name: `3× burst, ${connections * 3} connections, ${burstSeconds} s`, url: app.base, connections: connections * 3, seconds: burstSeconds, requests: ballots.requests, success: [303] });
  const accounting = await account(ballots, [steady, burst], 303, connections * 4);
  report('ballots', `Ballot submission (303 = confirmed; load ${loadSteady} before the steady run, ${loadBurst} before the burst)`, [steady, burst], { accounting, load: { steady: loadSteady, burst: loadBurst } });
  printAccounting('Ballots', accounting);
  const met = steady.rps >= 300 && steady.p95 < 200 && steady.errors === 0 && steady.non2xx === 0;
  console.log(`Target (≥ 300/s, p95 < 200 ms, 0 errors): ${met ? 'met' : 'NOT met'} (${steady.rps}/s, p95 ${steady.p95} ms, ${steady.errors} errors, ${steady.non2xx} other statuses).`);
}

/** Home page and a short ballot run with 1 worker and with WORKERS, for the record. */
async function workersScenario(): Promise<void> {
  const rows: Row[] = [];
  for (const count of [1, workers]) {
    await withServers(count, async (app) => {
      rows.push({ ...(await load({ name: `commune home, ${count} worker(s)`, url: `${app.base}/${targets.slug}/`, connections, seconds: pageSeconds })) });
      const ballots = await ballotSubmissions(seed.url, targets, sessionsPrefix, firstFiler - 1);
      rows.push(await load({ name: `ballots, ${count} worker(s)`, url: app.base, connections, seconds: pageSeconds * 2, requests: ballots.requests, success: [303] }));
    });
  }
  report('workerComparison', `1 vs ${workers} workers (load ${await loadAverage()} at the end)`, rows);
}

await withServers(workers, async (app, bare) => {
  if (scenarios.has('ratio')) await ratioScenario(app, bare);
  if (scenarios.has('browsing')) await browsingScenario(app);
  if (scenarios.has('opendata')) await openDataScenario(app);
  if (scenarios.has('complaints')) await complaintScenario(app);
  if (scenarios.has('ballots')) await ballotScenario(app);
});
if (scenarios.has('workers') && env.number('BENCH_COMPARE_WORKERS', 1) > 0) await workersScenario();
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nSummary: ${out}`);
