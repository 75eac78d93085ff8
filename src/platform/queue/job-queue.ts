import type { Kysely, Selectable } from 'kysely';
import type { PlatformTables, QueueJobTable } from '../db/platform-tables.js';

/** `inline`: the first attempt runs at enqueue time, in the caller; `worker`: a worker loop takes it (docs/queue.md). */
export type QueueMode = 'inline' | 'worker';
export type QueueJobState = 'queued' | 'active' | 'completed' | 'failed';
export type QueueJob = Selectable<QueueJobTable>;

export interface EnqueueOptions {
  /** Retries after the first attempt before the job goes to the dead letters (default 3). */
  retryLimit?: number;
  /** Wait before the first retry (default 30 s); doubled at each further retry when `retryBackoff`. */
  retryDelaySeconds?: number;
  /** Exponential back-off (default true). */
  retryBackoff?: boolean;
  /** Not before this time. */
  startAfter?: Date;
  /** Idempotency key: a second job with the same name and key is not queued while the first one's row exists. */
  singletonKey?: string;
  /** Runs the first attempt now, in the caller, in either mode: someone is waiting for it (a sign-in code). */
  urgent?: boolean;
}

/** Work for one job name; modules declare theirs in their manifest (`queueHandlers`). */
export interface QueueHandler<Services = unknown> {
  name: string;
  handle(services: Services, data: unknown): Promise<void>;
  /** What administrators may see of a job's data on the dead-letter page; never personal data. */
  summarize?(data: unknown): Record<string, string>;
}

interface QueueLog {
  error(object: object, message: string): void;
}

export interface JobQueueOptions {
  mode: QueueMode;
  log?: QueueLog;
  /** How long a worker holds a job it took; after that another worker may take it again (default 300 s). */
  leaseSeconds?: number;
  /** Pause between looks for due jobs when there were none (default 1 s). */
  pollMs?: number;
  /** How long closing waits for the job in hand before leaving it to its lease (default 5 s). */
  shutdownGraceMs?: number;
  clock?: () => Date;
}

export type QueueCounts = Record<QueueJobState, number>;

const maxDelaySeconds = 6 * 3600;
const maxErrorLength = 1000;

/** Seconds to wait before the next attempt, given how many attempts were made. */
export function retryDelay(job: Pick<QueueJob, 'attempts' | 'retry_delay_seconds' | 'retry_backoff'>): number {
  const factor = job.retry_backoff ? 2 ** Math.max(0, job.attempts - 1) : 1;
  return Math.min(job.retry_delay_seconds * factor, maxDelaySeconds);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, maxErrorLength);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * A small PostgreSQL job queue (docs/adr/0004-job-queue.md): the same SQL on PGlite and PostgreSQL,
 * rows claimed with FOR UPDATE SKIP LOCKED under a lease, retries with back-off, dead letters in state `failed`.
 */
export class JobQueue<Services = unknown> {
  readonly mode: QueueMode;
  private readonly handlers = new Map<string, QueueHandler<Services>>();
  private services: Services | undefined;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly graceMs: number;
  private readonly clock: () => Date;
  private log: QueueLog | undefined;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> | null = null;

  constructor(private readonly db: Kysely<PlatformTables>, options: JobQueueOptions) {
    this.mode = options.mode;
    this.leaseMs = (options.leaseSeconds ?? 300) * 1000;
    this.pollMs = options.pollMs ?? 1000;
    this.graceMs = options.shutdownGraceMs ?? 5000;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log;
  }

  register(handler: QueueHandler<Services>): void {
    if (this.handlers.has(handler.name)) throw new Error(`Queue handler "${handler.name}" is registered twice`);
    this.handlers.set(handler.name, handler);
  }

  /** Handlers receive these services; set once the platform services (which hold the queue itself) and the logger exist. */
  bind(services: Services, log?: QueueLog): void {
    this.services = services;
    if (log) this.log = log;
  }

  handlerFor(name: string): QueueHandler<Services> | undefined {
    return this.handlers.get(name);
  }

  /** Queues a job; returns its id, or null when a job with the same singleton key already exists. */
  async enqueue(name: string, data: unknown, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.handlers.has(name)) throw new Error(`No queue handler for "${name}"`);
    const now = this.clock();
    const inserted = await this.db
      .insertInto('queue_jobs')
      .values({
        name,
        data: JSON.stringify(data ?? {}),
        retry_limit: options.retryLimit ?? 3,
        retry_delay_seconds: options.retryDelaySeconds ?? 30,
        retry_backoff: options.retryBackoff ?? true,
        singleton_key: options.singletonKey ?? null,
        run_after: options.startAfter ?? now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['name', 'singleton_key']).where('singleton_key', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    if (this.mode === 'inline' || options.urgent) await this.runOne(inserted.id);
    else this.wake();
    return inserted.id;
  }

  /** Runs every job due now, one after the other (tests, `npm run jobs:once`); returns how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    while (await this.runOne()) ran += 1;
    return ran;
  }

  /** Starts the worker loop (the server, once it listens). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops taking jobs; waits a little for the job in hand, whose lease otherwise hands it to the next worker. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.busy) await Promise.race([this.busy, sleep(this.graceMs)]);
  }

  async counts(): Promise<QueueCounts> {
    const rows = await this.db.selectFrom('queue_jobs').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('state').execute();
    const counts: QueueCounts = { queued: 0, active: 0, completed: 0, failed: 0 };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }

  /** The dead letters, most recent failure first. */
  deadLetters(limit = 100): Promise<QueueJob[]> {
    return this.db.selectFrom('queue_jobs').selectAll().where('state', '=', 'failed').orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Puts a dead letter back in the queue with a fresh set of attempts; false when it is not a dead letter. */
  async retry(id: string): Promise<boolean> {
    const now = this.clock();
    const result = await this.db
      .updateTable('queue_jobs')
      .set({ state: 'queued', attempts: 0, run_after: now, locked_until: null, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst();
    const retried = Number(result.numUpdatedRows) > 0;
    if (retried && this.mode === 'inline') await this.runOne(id);
    else if (retried) this.wake();
    return retried;
  }

  /** Deletes completed jobs finished before `before` (their singleton keys become free again). */
  async purgeCompleted(before: Date): Promise<number> {
    const result = await this.db.deleteFrom('queue_jobs').where('state', '=', 'completed').where('completed_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    this.busy = this.drain();
    await this.busy;
    this.busy = null;
    if (this.running && !this.timer) this.schedule(this.pollMs);
  }

  /** A job queued by this process does not wait for the next poll. */
  private wake(): void {
    if (!this.running || this.busy || !this.timer) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private async drain(): Promise<void> {
    try {
      while (this.running && (await this.runOne()));
    } catch (error) {
      // A database hiccup must not kill the loop: the next poll tries again.
      this.log?.error({ err: error }, 'queue worker failed to take a job');
    }
  }

  /** Takes one due job (or the given one) and runs it; false when there was none. */
  private async runOne(id?: string): Promise<boolean> {
    const job = await this.claim(id);
    if (!job) return false;
    await this.run(job);
    return true;
  }

  private async claim(id?: string): Promise<QueueJob | undefined> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return undefined;
    const now = this.clock();
    const due = this.db
      .selectFrom('queue_jobs')
      .select('id')
      .where('name', 'in', names)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'queued'), eb('run_after', '<=', now)]),
          // Taken by a worker that stopped or died before finishing: its lease ran out.
          eb.and([eb('state', '=', 'active'), eb('locked_until', '<=', now)]),
        ]),
      )
      .$if(id !== undefined, (qb) => qb.where('id', '=', id!))
      .orderBy('run_after')
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked();
    return this.db
      .updateTable('queue_jobs')
      .set((eb) => ({ state: 'active', attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + this.leaseMs), updated_at: now }))
      .where('id', '=', (eb) => eb.selectFrom(due.as('due')).select('due.id'))
      .returningAll()
      .executeTakeFirst();
  }

  private async run(job: QueueJob): Promise<void> {
    // A job whose last attempt never finished (the process died each time) must not loop forever.
    if (job.attempts > job.retry_limit + 1) return this.fail(job, 'the worker stopped during the last attempt');
    const handler = this.handlers.get(job.name)!;
    try {
      if (this.services === undefined) throw new Error('the queue has no services bound');
      await handler.handle(this.services, job.data);
    } catch (error) {
      return this.fail(job, errorText(error));
    }
    const now = this.clock();
    await this.db.updateTable('queue_jobs').set({ state: 'completed', locked_until: null, completed_at: now, updated_at: now }).where('id', '=', job.id).execute();
  }

  /** Schedules the next attempt with back-off, or moves the job to the dead letters after its last one. */
  private async fail(job: QueueJob, error: string): Promise<void> {
    const now = this.clock();
    const dead = job.attempts > job.retry_limit;
    await this.db
      .updateTable('queue_jobs')
      .set({
        state: dead ? 'failed' : 'queued',
        run_after: dead ? now : new Date(now.getTime() + retryDelay(job) * 1000),
        locked_until: null,
        last_error: error,
        updated_at: now,
      })
      .where('id', '=', job.id)
      .execute();
    if (dead) this.log?.error({ job: job.id, name: job.name, error }, 'job moved to the dead letters');
  }
}
