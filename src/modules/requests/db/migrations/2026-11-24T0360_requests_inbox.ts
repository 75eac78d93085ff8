import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  // When a person last opened a request they filed: "my requests" marks those whose timeline moved since.
  await db.schema
    .createTable('request_views')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('request_views_pk', ['user_id', 'request_id'])
    .execute();
  // The public statistics and the exports count complaints by the day they were filed.
  await db.schema.createIndex('requests_submitted_idx').on('requests').columns(['commune_id', 'kind', 'submitted_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('requests_submitted_idx').ifExists().execute();
  await db.schema.dropTable('request_views').ifExists().execute();
}
