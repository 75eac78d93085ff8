import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, loadConfig } from './platform/config/config.js';

// `npm run start:cluster`: WORKERS server processes (default: one per CPU) sharing one port and one
// PostgreSQL database (docs/deploy.md). Nothing a request needs lives in a process (sessions, rate limits,
// idempotency keys, queued jobs are rows), so any process may answer any request.
// The first worker starts alone (it migrates and seeds), then the others; it alone runs the periodic
// module jobs, while every worker takes queued jobs (claimed with FOR UPDATE SKIP LOCKED).

/** Env flag telling a worker whether it runs the periodic module jobs (main.ts reads it; it cannot import this file). */
const periodicJobsFlag = 'PALABRE_PERIODIC_JOBS';
const stopTimeoutMs = 30_000;

function refuse(message: string): never {
  console.error(`start:cluster: ${message}`);
  process.exit(1);
}

function workerCount(): number {
  const parsed = z.coerce.number().int().min(1).max(64).safeParse(process.env.WORKERS ?? availableParallelism());
  return parsed.success ? parsed.data : refuse(`WORKERS must be a whole number from 1 to 64 (got ${JSON.stringify(process.env.WORKERS)})`);
}

function checkConfig(): void {
  try {
    const config = loadConfig();
    if (!config.databaseUrl) refuse('a cluster needs PostgreSQL (set DATABASE_URL): the embedded PGlite database belongs to the one process that opened its files; run "npm start" instead.');
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    throw error;
  }
}

function forkWorker(runsPeriodicJobs: boolean): Promise<Worker> {
  // PALABRE_PERIODIC_JOBS=off for the whole cluster: another machine runs them (docs/deploy.md).
  const on = runsPeriodicJobs && process.env[periodicJobsFlag] !== 'off';
  const worker = cluster.fork({ [periodicJobsFlag]: on ? 'on' : 'off' });
  return new Promise((resolve, reject) => {
    worker.once('listening', () => resolve(worker));
    worker.once('exit', (code) => reject(new Error(`worker ${worker.process.pid} exited before listening (${code})`)));
  });
}

async function startPrimary(): Promise<void> {
  checkConfig();
  const count = workerCount();
  // Every worker must sign and read the same cookies: one secret for all, even when none is configured (development).
  process.env.SESSION_SECRET ??= randomBytes(32).toString('hex');
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./main.ts', import.meta.url)) });
  let stopping = false;
  let jobsWorker = await forkWorker(true).catch((error: Error) => refuse(error.message));
  await Promise.all(Array.from({ length: count - 1 }, () => forkWorker(false)));
  console.log(`start:cluster: ${count} workers listening (periodic jobs in ${jobsWorker.process.pid})`);

  // A worker that dies is replaced; the replacement of the jobs worker takes over the periodic jobs.
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`start:cluster: worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    const replacement = forkWorker(worker === jobsWorker);
    if (worker === jobsWorker) void replacement.then((w) => (jobsWorker = w), () => {});
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`start:cluster: ${signal}: letting the workers finish their requests`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const exited = workers.map((w) => new Promise((resolve) => (w.isDead() ? resolve(null) : w.once('exit', resolve))));
    for (const w of workers) w.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      console.error('start:cluster: workers still running after 30 s; killing them');
      for (const w of workers) w.process.kill('SIGKILL');
    }, stopTimeoutMs);
    deadline.unref();
    void Promise.all(exited).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (cluster.isPrimary) await startPrimary();
