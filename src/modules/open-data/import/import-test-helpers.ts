import type { TestApp } from '../../../test-support/test-app.js';
import { latestImport, runImport } from './run.js';

/** Waits for the latest import of a resource (started in the background by a request) to be done or failed. */
export async function importSettled(t: TestApp, communeSlug: string, resourceId: string) {
  const communeId = await t.communeId(communeSlug);
  for (let i = 0; i < 200; i++) {
    const latest = await latestImport(t.services, communeId, resourceId);
    if (latest?.state === 'done' || latest?.state === 'failed') return latest;
    if (latest?.state === 'queued') await runImport(t.services, latest.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('import never settled');
}
