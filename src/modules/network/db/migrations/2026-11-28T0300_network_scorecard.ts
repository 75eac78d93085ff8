import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // The scorecard as computed at the end of each month, so that trends show what the data said then (data changes
  // later: a late answer, a corrected budget). `indicator` is an indicator id, `principle:<id>` or `overall`.
  await db.schema
    .createTable('network_scorecard_snapshots')
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('score', 'double precision')
    .addColumn('numerator', 'integer')
    .addColumn('denominator', 'integer')
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('network_scorecard_snapshots_pk', ['commune_id', 'month', 'indicator'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('network_scorecard_snapshots').ifExists().execute();
}
