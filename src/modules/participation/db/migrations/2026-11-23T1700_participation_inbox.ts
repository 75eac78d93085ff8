import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participation_notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('proposal_answered', 'comment_reply')`))
    .addColumn('proposal_id', 'uuid', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('participation_notifications_user_idx').on('participation_notifications').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participation_notifications').ifExists().execute();
}
