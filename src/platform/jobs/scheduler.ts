import type { PlatformServices } from '../http/context.js';
import type { ModuleJob, PalabreModule } from '../module.js';

interface JobLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

const jobsOf = (modules: readonly PalabreModule[]): ModuleJob[] => modules.flatMap((module) => module.jobs ?? []);

/** Runs one job, logging a failure instead of throwing: one failing job never stops the others. */
async function runLogged(job: ModuleJob, services: PlatformServices, log: JobLog, now: Date): Promise<boolean> {
  try {
    await job.run(services, now);
    return true;
  } catch (error) {
    log.error({ err: error, job: job.id }, 'job failed');
    return false;
  }
}

/** Starts every module job on its interval; a run still going when the next is due is skipped. Returns the stop function. */
export function startJobs(modules: readonly PalabreModule[], services: PlatformServices, log: JobLog): () => void {
  const timers = jobsOf(modules).map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      await runLogged(job, services, log, new Date());
      running = false;
    };
    const timer = setInterval(() => void tick(), job.everyMinutes * 60_000);
    timer.unref();
    return timer;
  });
  return () => timers.forEach((timer) => clearInterval(timer));
}

/** Runs every job once, one after the other (npm run jobs:once); returns the ids of the jobs that failed. */
export async function runJobsOnce(modules: readonly PalabreModule[], services: PlatformServices, log: JobLog, now = new Date()): Promise<string[]> {
  const failed: string[] = [];
  for (const job of jobsOf(modules)) {
    if (await runLogged(job, services, log, now)) log.info({ job: job.id }, 'job done');
    else failed.push(job.id);
  }
  return failed;
}
