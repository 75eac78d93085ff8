import { type Kysely, sql } from 'kysely';

// Frozen in time. The tamper-evident record: per-commune append-only entries and the signed tree heads over them.
// Triggers refuse UPDATE and DELETE so that even application bugs cannot rewrite history (an operator with
// table-owner rights still can: that is what the public signed heads and `npm run verify-log` detect).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ledger_entries (
      commune_id uuid not null references communes(id),
      seq integer not null check (seq >= 0),
      kind text not null check (length(kind) between 1 and 100),
      title text not null check (length(title) between 1 and 500),
      content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
      url text not null check (length(url) <= 2000),
      published_at timestamptz not null,
      leaf_hash text not null check (leaf_hash ~ '^[0-9a-f]{64}$'),
      primary key (commune_id, seq))`.execute(db);
  await sql`create index ledger_entries_content_idx on ledger_entries (commune_id, content_sha256)`.execute(db);
  await sql`
    create table ledger_tree_heads (
      commune_id uuid not null references communes(id),
      size integer not null check (size > 0),
      root_hash text not null check (root_hash ~ '^[0-9a-f]{64}$'),
      signed_at timestamptz not null,
      signature text not null,
      primary key (commune_id, size))`.execute(db);
  await sql`
    create function ledger_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name;
    end $$`.execute(db);
  for (const table of ['ledger_entries', 'ledger_tree_heads']) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function ledger_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists ledger_tree_heads`.execute(db);
  await sql`drop table if exists ledger_entries`.execute(db);
  await sql`drop function if exists ledger_refuse_change()`.execute(db);
}
