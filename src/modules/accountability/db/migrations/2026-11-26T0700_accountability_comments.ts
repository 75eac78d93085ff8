import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');

export async function up(db: Kysely<any>): Promise<void> {
  // Citizens' comments on a commitment and the commune's reasoned response to each (OGP Local asks for one).
  await db.schema
    .createTable('accountability_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('commitment_id', 'uuid', (c) => c.notNull().references('accountability_commitments.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('taken_into_account', 'partly', 'not_retained', 'information')`))
    .addColumn('response', 'text')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('responded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // A response is whole: an outcome, its reasons and when they were given, together or not at all.
    .addCheckConstraint('accountability_comments_response', sql`(outcome is null) = (response is null) and (response is null) = (responded_at is null)`)
    .execute();
  await db.schema.createIndex('accountability_comments_commitment').on('accountability_comments').columns(['commune_id', 'commitment_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('accountability_comments').ifExists().execute();
}
