import type { ModuleJob } from '../module.js';

const keepCompletedDays = 30;

/** Completed jobs are kept a month (their singleton keys still refuse duplicates), then deleted. */
export const queueUpkeepJobs: ModuleJob[] = [
  {
    id: 'queue.purge-completed',
    everyMinutes: 60,
    run: async (services, now) => {
      await services.queue.purgeCompleted(new Date(now.getTime() - keepCompletedDays * 86_400_000));
    },
  },
];
