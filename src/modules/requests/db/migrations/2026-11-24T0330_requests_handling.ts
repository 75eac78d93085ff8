import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

/** When the overdue job told the service and the administrators about a complaint: it tells them once. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('overdue_flagged_at', 'timestamptz').execute();
  // The job looks only at open, unanswered, not yet flagged complaints: a small partial index keeps it cheap.
  await sql`create index requests_overdue_pending_idx on requests (due_on) where is_open and answered_at is null and overdue_flagged_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists requests_overdue_pending_idx`.execute(db);
  await db.schema.alterTable('requests').dropColumn('overdue_flagged_at').execute();
}
