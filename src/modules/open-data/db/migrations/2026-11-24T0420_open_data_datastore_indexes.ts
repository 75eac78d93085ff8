import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * Trigram operator classes, for the datastore's substring search (`q`) to use GIN indexes on the folded text of
 * each text column (built after each import, see datastore/indexes.ts). pg_trgm is a trusted extension
 * (PostgreSQL 13+): the database's owner may create it without being a superuser.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop extension if exists pg_trgm cascade`.execute(db);
}
