import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { databaseUpkeepJobs } from './upkeep.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

describe('platform upkeep jobs', () => {
  it('are run with the module jobs and forget idempotency keys older than a day', async () => {
    expect(t.services.modules.flatMap((m) => m.jobs ?? []).map((j) => j.id)).toEqual(expect.arrayContaining(databaseUpkeepJobs.map((j) => j.id)));
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await t.services.db.insertInto('idempotency_keys').values([
      { owner: 'user:a', key: 'old-key-0001', scope: 's', request_hash: 'h', status_code: null, location: null, body: null, content_type: null, created_at: old },
      { owner: 'user:a', key: 'new-key-0001', scope: 's', request_hash: 'h', status_code: null, location: null, body: null, content_type: null },
    ]).execute();
    for (const job of databaseUpkeepJobs) await job.run(t.services, new Date());
    const left = await t.services.db.selectFrom('idempotency_keys').select('key').execute();
    expect(left.map((row) => row.key)).toEqual(['new-key-0001']);
  });
});
