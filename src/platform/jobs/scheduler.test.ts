import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlatformServices } from '../http/context.js';
import type { PalabreModule } from '../module.js';
import { runJobsOnce, startJobs } from './scheduler.js';

const services = {} as PlatformServices;
const silentLog = () => ({ info: vi.fn(), error: vi.fn() });

function moduleWith(jobs: PalabreModule['jobs']): PalabreModule {
  return { id: 'test', migrations: {}, i18n: { fr: {}, en: {}, pt: {}, ar: {} }, jobs };
}

afterEach(() => vi.useRealTimers());

describe('module jobs', () => {
  it('run once each in order; one failing job is logged and the others still run', async () => {
    const ran: string[] = [];
    const log = silentLog();
    const modules = [
      moduleWith([{ id: 'a', everyMinutes: 1, run: async () => { ran.push('a'); throw new Error('provider down'); } }]),
      moduleWith([{ id: 'b', everyMinutes: 1, run: async () => { ran.push('b'); } }]),
    ];
    expect(await runJobsOnce(modules, services, log)).toEqual(['a']);
    expect(ran).toEqual(['a', 'b']);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ job: 'a' }), 'job failed');
  });

  it('repeat on their interval, keep going after a failure, and stop when told', async () => {
    vi.useFakeTimers();
    const calls: Date[] = [];
    let failures = 0;
    const log = silentLog();
    const stop = startJobs([moduleWith([
      { id: 'every-2', everyMinutes: 2, run: async (_services, now) => { calls.push(now); } },
      { id: 'broken', everyMinutes: 1, run: async () => { failures += 1; throw new Error('boom'); } },
    ])], services, log);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(calls).toHaveLength(2);
    expect(failures).toBe(4);
    stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toHaveLength(2);
    expect(failures).toBe(4);
  });
});
