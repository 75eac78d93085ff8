import { type Kysely, sql } from 'kysely';

// Frozen in time. Paper contributions count in the participation figures by gender and age band too,
// when the participant chose to give them to the mediator.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table assisted_participants add column gender text check (gender in ('female', 'male', 'other'))`.execute(db);
  await sql`alter table assisted_participants add column age_band text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table assisted_participants drop column if exists age_band`.execute(db);
  await sql`alter table assisted_participants drop column if exists gender`.execute(db);
}
