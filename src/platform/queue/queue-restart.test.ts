import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allModules, createApp, type PalabreApp } from '../../app.js';
import { testConfig } from '../../test-support/test-app.js';
import { createServerTestDatabase } from '../../test-support/test-database.js';
import { createDatabase, type DatabaseHandle } from '../db/create-database.js';
import type { PalabreModule } from '../module.js';

/** One database opened by two successive apps: a PGlite data directory, or a PostgreSQL database under test:pg. */
interface ReopenableDatabase {
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
  /** How a child process names it: kind and URL or directory. */
  childArguments: [string, string];
}

async function reopenableDatabase(): Promise<ReopenableDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const server = await createServerTestDatabase(serverUrl);
    return { open: () => createDatabase({ url: server.url, poolSize: 3 }), remove: server.drop, childArguments: ['postgres', server.url] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'palabre-queue-'));
  return { open: () => createDatabase({ pgliteDir: dir }), remove: async () => rmSync(dir, { recursive: true, force: true }), childArguments: ['pglite', dir] };
}

const childScript = new URL('../../test-support/queue-worker-child.ts', import.meta.url).pathname;

/** Starts a server process that takes a job and hangs in it; resolves with the job id and a SIGKILL. */
function startHangingChild(database: ReopenableDatabase): Promise<{ jobId: string; kill(): Promise<void> }> {
  // node itself (not the tsx command, which runs node as a child of its own): the kill must reach the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...database.childArguments], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const started = /started ([0-9a-f-]{36})/.exec(output);
      if (started) resolve({ jobId: started[1]!, kill: () => (child.kill('SIGKILL'), exited) });
    });
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before taking the job: ${output}`)));
  });
}

const emptyCatalogues = { fr: {}, en: {}, pt: {}, ar: {} };

function moduleWith(handle: (data: unknown) => Promise<void>): PalabreModule {
  return { id: 'queue-test', migrations: {}, i18n: emptyCatalogues, queueHandlers: [{ name: 'test.slow', handle: (_services, data) => handle(data) }] };
}

/** A server app running its workers, with a short lease so a job left by a dead worker is taken again quickly. */
async function startWorkerApp(database: DatabaseHandle, module: PalabreModule): Promise<PalabreApp> {
  const palabre = await createApp({
    config: testConfig({ QUEUE_MODE: 'worker' }),
    database,
    modules: [...allModules, module],
    jobs: true,
    queue: { leaseSeconds: 1, pollMs: 50, shutdownGraceMs: 100 },
  });
  await palabre.app.listen({ host: '127.0.0.1', port: 0 });
  return palabre;
}

describe('the queue across a restart', () => {
  it('finishes, in a new app on the same database, a job whose worker was stopped mid-job', async () => {
    const database = await reopenableDatabase();
    try {
      let started!: () => void;
      const jobStarted = new Promise<void>((resolve) => (started = resolve));
      // The first worker takes the job and never finishes it.
      const first = await startWorkerApp(await database.open(), moduleWith(() => {
        started();
        return new Promise<void>(() => {});
      }));
      const id = await first.services.queue.enqueue('test.slow', { parcel: 7 }, { retryLimit: 2 });
      await jobStarted;
      await first.close();

      let finished!: (data: unknown) => void;
      const jobFinished = new Promise<unknown>((resolve) => (finished = resolve));
      const reopened = await database.open();
      // Left behind as the worker held it: taken, one attempt, not finished.
      const left = await reopened.db.selectFrom('queue_jobs').select(['state', 'attempts']).where('id', '=', id!).executeTakeFirstOrThrow();
      expect(left).toEqual({ state: 'active', attempts: 1 });
      const second = await startWorkerApp(reopened, moduleWith(async (data) => finished(data)));
      try {
        expect(await jobFinished).toEqual({ parcel: 7 });
        await expect.poll(async () => (await second.services.db.selectFrom('queue_jobs').select(['state', 'attempts']).where('id', '=', id!).executeTakeFirstOrThrow())).toEqual({ state: 'completed', attempts: 2 });
        expect(await second.services.queue.counts()).toMatchObject({ queued: 0, active: 0, failed: 0 });
      } finally {
        await second.close();
      }
    } finally {
      await database.remove();
    }
  }, 120_000);

  it('finishes a job whose worker process was killed (SIGKILL) mid-job', async () => {
    const database = await reopenableDatabase();
    try {
      const child = await startHangingChild(database);
      await child.kill();
      let finished!: (data: unknown) => void;
      const jobFinished = new Promise<unknown>((resolve) => (finished = resolve));
      const next = await startWorkerApp(await database.open(), moduleWith(async (data) => finished(data)));
      try {
        expect(await jobFinished).toEqual({ parcel: 9 });
        await expect.poll(async () => (await next.services.db.selectFrom('queue_jobs').select(['state', 'attempts']).where('id', '=', child.jobId).executeTakeFirstOrThrow())).toEqual({ state: 'completed', attempts: 2 });
      } finally {
        await next.close();
      }
    } finally {
      await database.remove();
    }
  }, 120_000);
});
