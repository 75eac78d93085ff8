import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { withClient } from '../../src/test-support/raw-sql.js';

export { withClient };

/**
 * Shared parts of the load benchmarks (bench/load/*): the PostgreSQL server to use, servers started in child
 * processes (the application as `npm run start:cluster` runs it, and the bare Fastify route), one autocannon
 * run reduced to a table row, and the tables themselves.
 */

/** BENCH_DATABASE_URL, else DATABASE_URL: a PostgreSQL server whose role may CREATEDB. Exits when neither is set. */
export function serverUrlOrExit(script: string): string {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) return url;
  console.error(`${script} measures PostgreSQL: set DATABASE_URL (or BENCH_DATABASE_URL) to a server whose role may CREATEDB, e.g. eval "$(scripts/pg-local.sh)".`);
  process.exit(1);
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}


export async function countOf(url: string, query: string, values: unknown[] = []): Promise<number> {
  return withClient(url, async (c) => Number((await c.query<{ n: string }>(query, values)).rows[0]!.n));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Server {
  base: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

function spawnServer(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, port: number, cleanUp = () => {}): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let output = '';
    // Even when the benchmark dies, its servers must not stay behind.
    const leftBehind = () => child.kill('SIGTERM');
    process.once('exit', leftBehind);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = async () => {
      process.off('exit', leftBehind);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 35_000))]);
      cleanUp();
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ base: `http://127.0.0.1:${match[1] ?? port}`, child, stop });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output.slice(-500)}`)));
  });
}

/**
 * The application in production mode as `npm run start:cluster` runs it: WORKERS processes on one port, on the
 * seeded database (not seeded again). The whole load comes from 127.0.0.1, so the per-address POST limit is
 * raised: otherwise it would measure itself.
 */
export async function startCluster(database: string, workers: number): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'palabre-load-'));
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: database,
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LEDGER_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_POST_PER_MINUTE: '100000000',
    WORKERS: String(workers),
  };
  return spawnServer(['src/cluster.ts'], env, /workers listening/, port, () => rmSync(dataDir, { recursive: true, force: true }));
}

/** The baseline: the same framework answering a fixed string, with as many processes as the application has. */
export function startBare(workers: number): Promise<Server> {
  return spawnServer(['bench/load/serve-bare-cluster.ts'], { WORKERS: String(workers) }, /BARE_READY PORT=(\d+)/, 0);
}

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  requests: number;
  seconds: number;
}

// autocannon reports p90 and p97.5 but not p95; interpolate between them.
export const p95Of = (latency: autocannon.Histogram) => Math.round((latency.p90 + ((latency.p97_5 - latency.p90) * 5) / 7.5) * 10) / 10;

export interface LoadOptions {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  requests?: autocannon.Request[];
  /** Answers that count as success besides 2xx (a 303 after a form, say). */
  success?: number[];
}

/** One autocannon run, every status counted; `non2xx` counts what is neither 2xx nor listed in `success`. */
export function load(options: LoadOptions): Promise<Row> {
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, duration: options.seconds, headers: { 'accept-encoding': 'br, gzip' }, ...(options.requests ? { requests: options.requests } : {}) },
      (error, result) => {
        if (error) return reject(error);
        const ok = (code: number) => (code >= 200 && code < 300) || (options.success ?? []).includes(code);
        const counted = Object.entries(statuses).reduce((sum, [code, n]) => sum + (ok(Number(code)) ? n : 0), 0);
        resolve({
          name: options.name,
          rps: Math.round(counted / options.seconds),
          p50: result.latency.p50,
          p95: p95Of(result.latency),
          p99: result.latency.p99,
          errors: result.errors + result.timeouts,
          non2xx: Object.entries(statuses).reduce((sum, [code, n]) => sum + (ok(Number(code)) ? 0 : n), 0),
          statuses,
          requests: Object.values(statuses).reduce((a, b) => a + b, 0),
          seconds: options.seconds,
        });
      },
    );
    instance.on('response', (_client, status) => (statuses[status] = (statuses[status] ?? 0) + 1));
  });
}

const ms = (value: number) => (value < 1 ? '< 1' : String(value));

export function table(title: string, rows: Row[]): string {
  const lines = [`\n### ${title}\n`, '| scenario | req/s (ok) | p50 ms | p95 ms | p99 ms | errors | non-2xx | statuses |', '|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const statuses = Object.entries(r.statuses).map(([code, n]) => `${code}: ${n}`).join(', ');
    lines.push(`| ${r.name} | ${r.rps} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.non2xx} | ${statuses} |`);
  }
  return lines.join('\n');
}

/** The 1-minute load average, to print next to each figure: the machine is shared. */
export const loadAverage = async () => (await import('node:os')).loadavg()[0]!.toFixed(2);

export const env = {
  number: (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number (got ${process.env[name]})`);
    return value;
  },
};
