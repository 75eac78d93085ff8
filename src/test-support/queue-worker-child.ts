// A server process for the queue's kill test (src/platform/queue/queue-restart.test.ts): it opens the database
// named by its arguments, runs its workers, queues one job whose handler never finishes, prints the job id once
// the handler started, and waits to be killed.
import { allModules, createApp } from '../app.js';
import { createDatabase } from '../platform/db/create-database.js';
import { testConfig } from './test-app.js';

const [kind, location] = process.argv.slice(2);
const database = await createDatabase(kind === 'postgres' ? { url: location, poolSize: 2 } : { pgliteDir: location! });
let jobId: string | null = null;
const hanging = {
  id: 'queue-test',
  migrations: {},
  i18n: { fr: {}, en: {}, pt: {}, ar: {} },
  queueHandlers: [{ name: 'test.slow', handle: () => new Promise<void>(() => console.log(`started ${jobId}`)) }],
};
const palabre = await createApp({ config: testConfig({ QUEUE_MODE: 'worker' }), database, modules: [...allModules, hanging], jobs: true, queue: { leaseSeconds: 1, pollMs: 50 } });
await palabre.app.listen({ host: '127.0.0.1', port: 0 });
jobId = await palabre.services.queue.enqueue('test.slow', { parcel: 9 }, { retryLimit: 2 });
