import { type Kysely, sql } from 'kysely';

// Frozen in time. Remembers each confirming request by the key its sender chose, so a replay (a double tap,
// a resent form on a flaky network) gets the stored answer instead of acting twice.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table idempotency_keys (
      owner text not null,
      key text not null check (length(key) between 8 and 128),
      scope text not null,
      request_hash text not null,
      state text not null default 'in_flight' check (state in ('in_flight', 'done')),
      status_code integer,
      location text,
      body text,
      content_type text,
      created_at timestamptz not null default now(),
      primary key (owner, key))`.execute(db);
  await sql`create index idempotency_keys_created_idx on idempotency_keys (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists idempotency_keys`.execute(db);
}
