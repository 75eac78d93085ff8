// `npm run jobs:once [-- --now 2026-11-23T18:30:00Z]`: runs every module job once (phase openings,
// notification messages and digests) and the queued jobs that are due, then exits. With the embedded database, stop the server first:
// only one process can open it.
import { createApp } from '../app.js';
import { loadConfig } from '../platform/config/config.js';
import { runJobsOnce } from '../platform/jobs/scheduler.js';

const nowArgument = process.argv.indexOf('--now');
const now = nowArgument > 0 ? new Date(process.argv[nowArgument + 1] ?? '') : new Date();
if (Number.isNaN(now.getTime())) {
  console.error('--now expects a date, e.g. 2026-11-23T18:30:00Z');
  process.exit(1);
}
const palabre = await createApp({ config: loadConfig() });
const log = {
  info: (object: object, message: string) => console.log(message, JSON.stringify(object)),
  error: (object: object, message: string) => console.error(message, object),
};
const failed = await runJobsOnce(palabre.services.modules, palabre.services, log, now);
// Queued jobs that are due (a server that was down, or deployments that run this from cron).
const ranQueued = await palabre.services.queue.runDue();
log.info({ jobs: ranQueued }, 'queued jobs run');
await palabre.close();
process.exit(failed.length > 0 ? 1 : 0);
