import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // The live scorecard of each commune, kept a few minutes: in the database rather than in a process, so that every
  // app process of a cluster shares one computation and one freshness bound.
  await db.schema
    .createTable('network_live_scorecards')
    .addColumn('commune_id', 'uuid', (c) => c.primaryKey().references('communes.id').onDelete('cascade'))
    .addColumn('window_from', 'timestamptz', (c) => c.notNull())
    .addColumn('window_to', 'timestamptz', (c) => c.notNull())
    .addColumn('card', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('network_live_scorecards').ifExists().execute();
}
