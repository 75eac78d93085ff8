import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { JobQueue, type QueueMode, retryDelay } from './job-queue.js';
import { maskPersonalData, summarizeData } from './mask.js';
import { messageDeliveryHandler, QueuedMessageSender } from './queued-message-sender.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

/** A queue on the test database with a clock the test moves by hand. */
function queueAt(start: Date, mode: QueueMode = 'worker') {
  const clock = { now: start };
  const queue = new JobQueue<object>(t.services.db, { mode, clock: () => clock.now, pollMs: 20 });
  queue.bind({});
  const advance = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  return { queue, advance };
}

/** A handler that fails its first `failures` calls, then succeeds; remembers what it received. */
function flakyHandler(name: string, failures: number) {
  const calls: unknown[] = [];
  return {
    calls,
    handler: {
      name,
      async handle(_services: object, data: unknown) {
        calls.push(data);
        if (calls.length <= failures) throw new Error(`failure ${calls.length}`);
      },
    },
  };
}

const jobById = (id: string) => t.services.db.selectFrom('queue_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('retries with back-off', () => {
  it('retries a failing handler later and later, then completes it', async () => {
    const { queue, advance } = queueAt(new Date('2026-01-01T10:00:00Z'));
    const flaky = flakyHandler('test.flaky', 2);
    queue.register(flaky.handler);
    const id = (await queue.enqueue('test.flaky', { n: 1 }, { retryDelaySeconds: 10, retryLimit: 3 }))!;

    expect(await queue.runDue()).toBe(1);
    let job = await jobById(id);
    expect(job).toMatchObject({ state: 'queued', attempts: 1, last_error: 'failure 1' });
    expect(job.run_after.toISOString()).toBe('2026-01-01T10:00:10.000Z');

    advance(9);
    expect(await queue.runDue()).toBe(0);
    advance(1);
    expect(await queue.runDue()).toBe(1);
    job = await jobById(id);
    // Back-off doubles the wait: 10 s, then 20 s.
    expect(job).toMatchObject({ state: 'queued', attempts: 2, last_error: 'failure 2' });
    expect(job.run_after.toISOString()).toBe('2026-01-01T10:00:30.000Z');

    advance(19);
    expect(await queue.runDue()).toBe(0);
    advance(1);
    expect(await queue.runDue()).toBe(1);
    job = await jobById(id);
    expect(job).toMatchObject({ state: 'completed', attempts: 3 });
    expect(job.completed_at).not.toBeNull();
    expect(flaky.calls).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
  });

  it('computes exponential delays, constant ones without back-off, and caps them', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelay({ attempts, retry_delay_seconds: 30, retry_backoff: true }))).toEqual([30, 60, 120, 240]);
    expect(retryDelay({ attempts: 4, retry_delay_seconds: 30, retry_backoff: false })).toBe(30);
    expect(retryDelay({ attempts: 30, retry_delay_seconds: 30, retry_backoff: true })).toBe(6 * 3600);
  });
});

describe('dead letters', () => {
  it('moves a job to the dead letters after its last retry, and a retry queues it again', async () => {
    const { queue, advance } = queueAt(new Date('2026-01-02T10:00:00Z'));
    const broken = flakyHandler('test.broken', 99);
    queue.register(broken.handler);
    const id = (await queue.enqueue('test.broken', {}, { retryLimit: 1, retryDelaySeconds: 5, retryBackoff: false }))!;

    await queue.runDue();
    advance(5);
    await queue.runDue();
    expect(await jobById(id)).toMatchObject({ state: 'failed', attempts: 2, last_error: 'failure 2' });
    advance(3600);
    expect(await queue.runDue()).toBe(0);
    expect(broken.calls).toHaveLength(2);
    expect((await queue.deadLetters()).map((job) => job.id)).toContain(id);
    expect((await queue.counts()).failed).toBeGreaterThanOrEqual(1);

    expect(await queue.retry(id)).toBe(true);
    expect(await jobById(id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await queue.retry(id)).toBe(false);
    await queue.runDue();
    expect(broken.calls).toHaveLength(3);
  });

  it('gives up on a job whose worker died during its last attempt instead of looping', async () => {
    const { queue, advance } = queueAt(new Date('2026-01-03T10:00:00Z'));
    const handler = flakyHandler('test.crashing', 0);
    queue.register(handler.handler);
    const id = (await queue.enqueue('test.crashing', {}, { retryLimit: 0 }))!;
    // As if a worker had taken it and died: active, lease over, its only attempt spent.
    await t.services.db.updateTable('queue_jobs').set({ state: 'active', attempts: 1, locked_until: new Date('2026-01-03T10:00:01Z') }).where('id', '=', id).execute();
    advance(2);
    await queue.runDue();
    expect(handler.calls).toEqual([]);
    expect(await jobById(id)).toMatchObject({ state: 'failed', last_error: 'the worker stopped during the last attempt' });
  });
});

describe('singleton keys', () => {
  it('does not queue the same job twice', async () => {
    const { queue } = queueAt(new Date('2026-01-04T10:00:00Z'));
    queue.register(flakyHandler('test.once', 0).handler);
    queue.register(flakyHandler('test.other', 0).handler);
    const first = await queue.enqueue('test.once', { a: 1 }, { singletonKey: 'report-42' });
    expect(first).not.toBeNull();
    expect(await queue.enqueue('test.once', { a: 2 }, { singletonKey: 'report-42' })).toBeNull();
    // Still refused once the first one ran: the key is an idempotency key.
    await queue.runDue();
    expect(await queue.enqueue('test.once', { a: 3 }, { singletonKey: 'report-42' })).toBeNull();
    // The key belongs to one job name; jobs without a key are never merged.
    expect(await queue.enqueue('test.other', {}, { singletonKey: 'report-42' })).not.toBeNull();
    expect(await queue.enqueue('test.once', {})).not.toBeNull();
    expect(await queue.enqueue('test.once', {})).not.toBeNull();
    const rows = await t.services.db.selectFrom('queue_jobs').select('data').where('name', '=', 'test.once').where('singleton_key', '=', 'report-42').execute();
    expect(rows).toEqual([{ data: { a: 1 } }]);
  });

  it('refuses a job name nobody handles', async () => {
    const { queue } = queueAt(new Date('2026-01-04T10:00:00Z'));
    await expect(queue.enqueue('test.unknown', {})).rejects.toThrow('No queue handler');
  });
});

describe('inline mode', () => {
  it('runs the first attempt at enqueue time, and a failure is recorded, not thrown', async () => {
    const { queue, advance } = queueAt(new Date('2026-01-05T10:00:00Z'), 'inline');
    const flaky = flakyHandler('test.inline', 1);
    queue.register(flaky.handler);
    const id = (await queue.enqueue('test.inline', { x: 1 }, { retryDelaySeconds: 10 }))!;
    expect(flaky.calls).toHaveLength(1);
    expect(await jobById(id)).toMatchObject({ state: 'queued', attempts: 1, last_error: 'failure 1' });
    advance(10);
    await queue.runDue();
    expect(await jobById(id)).toMatchObject({ state: 'completed', attempts: 2 });
  });

  it('runs an urgent job at once even in worker mode (a sign-in code is awaited on screen), others wait for a worker', async () => {
    const { queue } = queueAt(new Date('2026-01-05T10:00:00Z'), 'worker');
    const calls: unknown[] = [];
    queue.register({ name: 'test.urgent', handle: async (_s, data) => void calls.push(data) });
    await queue.enqueue('test.urgent', { n: 1 });
    expect(calls).toEqual([]);
    await queue.enqueue('test.urgent', { n: 2 }, { urgent: true });
    expect(calls).toEqual([{ n: 2 }]);
    const sent: string[] = [];
    const sender = new QueuedMessageSender({ enqueue: async (_name, data, options) => { if (options?.urgent) sent.push((data as { purpose: string }).purpose); return 'id'; } });
    await sender.send({ channel: 'sms', recipient: '+221771112233', body: 'Code 123456', purpose: 'otp', awaited: true });
    await sender.send({ channel: 'sms', recipient: '+221771112233', body: 'Nouvelles', purpose: 'digest' });
    expect(sent).toEqual(['otp']);
  });

  it('delivers an outgoing message to the outbox at once (the app default in tests)', async () => {
    expect(t.services.queue.mode).toBe('inline');
    await t.services.messageSender.send({ channel: 'sms', recipient: '+221771112233', body: 'Bonjour', purpose: 'test-inline' });
    const outbox = await t.services.db.selectFrom('outbox_messages').select(['recipient', 'body']).where('purpose', '=', 'test-inline').execute();
    expect(outbox).toEqual([{ recipient: '+221771112233', body: 'Bonjour' }]);
    const job = await t.services.db.selectFrom('queue_jobs').selectAll().where('name', '=', 'messages.send').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'completed', attempts: 1 });
  });
});

describe('the worker loop', () => {
  it('takes a job queued while it runs without waiting for the next poll, and stops', async () => {
    const queue = new JobQueue<object>(t.services.db, { mode: 'worker', pollMs: 60_000 });
    queue.bind({});
    const done = new Promise<unknown>((resolve) => queue.register({ name: 'test.worker', handle: async (_s, data) => resolve(data) }));
    queue.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await queue.enqueue('test.worker', { ok: true });
    expect(await done).toEqual({ ok: true });
    await queue.stop();
  });
});

const masked12 = `+${'•'.repeat(10)}67`;

describe('what administrators see of a job', () => {
  it('masks phone numbers and e-mail addresses, and shortens long texts', () => {
    expect(maskPersonalData('call +221 77 123 45 67 now')).toBe(`call ${masked12} now`);
    expect(maskPersonalData('to awa@example.org')).toBe('to •••@•••');
    expect(maskPersonalData('x'.repeat(100))).toHaveLength(60);
    expect(summarizeData({ phone: '+221771234567', count: 3, nested: { a: 1 } })).toEqual({ phone: masked12, count: '3' });
  });

  it('summarises a message by channel, purpose and masked recipient, never its body', () => {
    const summary = messageDeliveryHandler({ send: async () => {} }).summarize!({ channel: 'sms', recipient: '+221771234567', body: 'Votre code : 123456', purpose: 'otp' });
    expect(summary).toEqual({ channel: 'sms', purpose: 'otp', recipient: masked12 });
  });
});
