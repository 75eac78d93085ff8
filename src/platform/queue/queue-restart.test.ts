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
async function reopenableDatabase(): Promise<{ open(): Promise<DatabaseHandle>; remove(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const server = await createServerTestDatabase(serverUrl);
    return { open: () => createDatabase({ url: server.url, poolSize: 3 }), remove: server.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'palabre-queue-'));
  return { open: () => createDatabase({ pgliteDir: dir }), remove: async () => rmSync(dir, { recursive: true, force: true }) };
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
  });
});
