import { type Kysely, sql } from 'kysely';

// Frozen in time. Sorting 100,000 proposals by supports cannot count a million rows per page view, so the
// count is kept beside the proposal by a trigger: every insert path and every delete keeps it exact.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('proposals').addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update proposals p set support_count = (select count(*) from proposal_supports s where s.proposal_id = p.id)`.execute(db);
  await sql`
    create function proposal_support_count() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update proposals set support_count = support_count + 1 where id = new.proposal_id;
      else
        update proposals set support_count = support_count - 1 where id = old.proposal_id;
      end if;
      return null;
    end;
    $$`.execute(db);
  await sql`create trigger proposal_supports_count after insert or delete on proposal_supports for each row execute function proposal_support_count()`.execute(db);
  await sql`create index proposals_by_supports_idx on proposals (consultation_id, support_count desc, id)`.execute(db);
  // Millisecond precision, as JavaScript dates have: a page cursor then names a row's timestamp exactly.
  await sql`alter table proposals alter column created_at type timestamptz(3)`.execute(db);
  await sql`create index proposals_by_date_idx on proposals (consultation_id, created_at desc, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists proposal_supports_count on proposal_supports`.execute(db);
  await sql`drop function if exists proposal_support_count()`.execute(db);
  await db.schema.alterTable('proposals').dropColumn('support_count').execute();
}
