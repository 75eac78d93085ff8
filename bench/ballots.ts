import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type pg from 'pg';
import { openApprovalRound, sessionsForPhones, withClient } from '../src/test-support/raw-sql.js';

/**
 * Issue 5: ballot confirmations by BENCH_VOTERS different voters (default 100,000), each request a new
 * voter with their own session, CSRF token and idempotency key, against the real application in
 * production mode (BENCH_PROCESSES server processes, default 1) on PostgreSQL. Target: ≥ 300
 * confirmed ballots/s with p95 < 200 ms. A fresh database is created on the server and dropped after.
 */
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('bench:ballots measures PostgreSQL, not the embedded PGlite: set DATABASE_URL (or BENCH_DATABASE_URL) to a server whose role may CREATEDB, e.g. eval "$(scripts/pg-local.sh)".');
  process.exit(1);
}
const voters = Number(process.env.BENCH_VOTERS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
const csrf = randomBytes(24).toString('base64url');
// Session tokens are this prefix plus the voter's number; the database stores only their SHA-256.
const tokenPrefix = randomBytes(16).toString('base64url');

function startServer(databaseUrl: string): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // The whole load comes from one address: the per-address POST limit would measure itself.
    const env = { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_PROPOSALS: '0', RATE_LIMIT_POST_PER_MINUTE: '100000000' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-app.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /PORT=(\d+)/.exec(output);
      if (port) resolve({ port: Number(port[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Voters (users with phones) and their sessions, then a round of Ndar Toute open now with 12 feasible projects. */
async function seed(client: pg.Client): Promise<{ roundId: string; projects: string[] }> {
  await client.query(
    `insert into users (phone_e164, display_name, neighbourhood, gender, age_band)
     select '+22176' || lpad(g::text, 7, '0'), 'Votant ' || g, 'Sor', case when g % 2 = 0 then 'female' else 'male' end, '25-34'
     from generate_series(1, $1::int) g`,
    [voters],
  );
  await sessionsForPhones(client, { phonePrefix: '+22176', first: 1, last: voters, tokenPrefix, agent: 'bench' });
  const commune = (await client.query<{ id: string }>(`select id from communes where slug = 'ndar-toute'`)).rows[0]!.id;
  const { roundId: round, projects } = await openApprovalRound(client, commune, 'Tour de mesure', 12);
  const sessions = (await client.query<{ n: number }>(`select count(*)::int as n from sessions where user_agent = 'bench'`)).rows[0]!.n;
  if (sessions !== voters) throw new Error(`seeded ${sessions} sessions for ${voters} voters`);
  await client.query('analyze');
  return { roundId: round, projects };
}

const p95 = (latency: autocannon.Histogram) => Math.round((latency.p90 + ((latency.p97_5 - latency.p90) * 5) / 7.5) * 10) / 10;

const databaseName = `palabre_bench_${randomBytes(4).toString('hex')}`;
await withClient(serverUrl, (c) => c.query(`create database ${databaseName}`));
const url = new URL(serverUrl);
url.pathname = `/${databaseName}`;
const servers: ChildProcess[] = [];
try {
  const first = await startServer(url.toString());
  servers.push(first.child);
  const started = Date.now();
  const { roundId, projects } = await withClient(url.toString(), seed);
  const seededIn = Math.round((Date.now() - started) / 1000);
  const ports = [first.port];
  for (let i = 1; i < processes; i++) {
    const more = await startServer(url.toString());
    servers.push(more.child);
    ports.push(more.port);
  }

  let next = 0;
  const path = `/ndar-toute/budgets/${roundId}/vote/confirm`;
  // Each request: the next voter, three projects that depend on the voter, a fresh idempotency key.
  const setupRequest = (request: autocannon.Request) => {
    const n = (next++ % voters) + 1;
    const chosen = [0, 1, 2].map((k) => projects[(n + k * 5) % projects.length]!);
    const body = new URLSearchParams([['_csrf', csrf], ['_idempotency', randomUUID()], ...chosen.map((id): [string, string] => ['project', id])]).toString();
    return { ...request, method: 'POST' as const, path, body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `palabre_csrf=${csrf}; palabre_session=${tokenPrefix}${n}` } };
  };
  const statuses = new Map<number, number>();
  const runs = ports.map(
    (port) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const options = { url: `http://127.0.0.1:${port}`, connections: Math.ceil(connections / ports.length), duration: seconds, requests: [{ setupRequest }] };
        const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
        instance.on('response', (_client, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
      }),
  );
  const results = await Promise.all(runs);
  const stored = await withClient(url.toString(), async (c) => (await c.query<{ n: number }>('select count(*)::int as n from budget_ballots where round_id = $1', [roundId])).rows[0]!.n);
  const confirmed = statuses.get(303) ?? 0;
  const other = [...statuses].filter(([code]) => code !== 303);
  const errors = results.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
  console.log(`\n### Ballots (${voters} voters seeded in ${seededIn} s; ${processes} process(es), ${connections} connections, ${seconds} s)\n`);
  console.log('| confirmed ballots/s (303) | p95 latency (ms) | ballots stored | other statuses | socket errors/timeouts |\n|---:|---:|---:|---|---:|');
  console.log(`| ${Math.round(confirmed / seconds)} | ${results.map((r) => p95(r.latency)).join(' / ')} | ${stored} | ${other.map(([c, n]) => `${c}: ${n}`).join(', ') || 'none'} | ${errors} |`);
  console.log(`\nTarget: ≥ 300 confirmed ballots/s with p95 < 200 ms.`);
} finally {
  for (const child of servers) child.kill();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await withClient(serverUrl, (c) => c.query(`drop database if exists ${databaseName} with (force)`));
}
