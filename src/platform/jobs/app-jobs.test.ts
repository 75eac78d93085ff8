import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { testConfig } from '../../test-support/test-app.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import type { PalabreModule } from '../module.js';

function countingModule() {
  const counter = { runs: 0 };
  // A few milliseconds between runs, so the test need not wait minutes.
  const module: PalabreModule = { id: 'ticker', migrations: {}, i18n: { fr: {}, en: {}, pt: {}, ar: {} }, jobs: [{ id: 'ticker.tick', everyMinutes: 0.0005, run: async () => { counter.runs += 1; } }] };
  return { module, counter };
}

describe('the app runs module jobs', () => {
  it('only when asked, from the moment the server listens until it closes', async () => {
    const quiet = countingModule();
    const withoutJobs = await createApp({ config: testConfig(), database: await createTestDatabase(), modules: [quiet.module] });
    await withoutJobs.app.listen({ host: '127.0.0.1', port: 0 });
    await sleep(150);
    await withoutJobs.close();
    expect(quiet.counter.runs).toBe(0);

    const busy = countingModule();
    const withJobs = await createApp({ config: testConfig(), database: await createTestDatabase(), modules: [busy.module], jobs: true });
    await sleep(100);
    expect(busy.counter.runs).toBe(0);
    await withJobs.app.listen({ host: '127.0.0.1', port: 0 });
    await sleep(150);
    await withJobs.close();
    const afterClose = busy.counter.runs;
    expect(afterClose).toBeGreaterThan(0);
    await sleep(100);
    expect(busy.counter.runs).toBe(afterClose);
  });
});
