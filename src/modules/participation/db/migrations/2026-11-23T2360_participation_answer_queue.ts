import { type Kysely, sql } from 'kysely';

// Frozen in time. Staff page through the answered proposals of a consultation, latest answer first.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index proposals_answered_idx on proposals (consultation_id, answered_at desc, id) where answer is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists proposals_answered_idx`.execute(db);
}
