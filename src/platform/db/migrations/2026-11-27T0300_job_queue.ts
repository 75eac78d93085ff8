import { type Kysely, sql } from 'kysely';

// Frozen in time. The job queue (docs/adr/0004-job-queue.md): one row per job; workers claim rows with
// FOR UPDATE SKIP LOCKED and hold them for a lease, so a job taken by a worker that died is taken again.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table queue_jobs (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      data jsonb not null default '{}',
      state text not null default 'queued' check (state in ('queued', 'active', 'completed', 'failed')),
      attempts integer not null default 0,
      retry_limit integer not null default 3 check (retry_limit >= 0),
      retry_delay_seconds integer not null default 30 check (retry_delay_seconds >= 0),
      retry_backoff boolean not null default true,
      singleton_key text check (length(singleton_key) <= 200),
      run_after timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      completed_at timestamptz)`.execute(db);
  // The idempotency key: one job per name and key while its row exists.
  await sql`create unique index queue_jobs_singleton_idx on queue_jobs (name, singleton_key) where singleton_key is not null`.execute(db);
  // What workers look for: due queued jobs and active jobs whose lease ran out.
  await sql`create index queue_jobs_due_idx on queue_jobs (run_after) where state in ('queued', 'active')`.execute(db);
  await sql`create index queue_jobs_failed_idx on queue_jobs (updated_at desc) where state = 'failed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists queue_jobs`.execute(db);
}
