import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application. French and Arabic stemming, searched together.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index proposals_search_idx on proposals using gin ((to_tsvector('french', title || ' ' || body) || to_tsvector('arabic', title || ' ' || body)))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists proposals_search_idx`.execute(db);
}
