import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('network_exchange_threads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null when the programme team (a platform administrator, in no commune) asks.
    .addColumn('commune_id', 'uuid', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('principle', 'text', (c) => c.notNull().check(sql`principle in ('transparency', 'participation', 'accountability', 'innovation')`))
    .addColumn('module_tag', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'resolved')`))
    .addColumn('accepted_reply_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('network_exchange_threads_activity_idx').on('network_exchange_threads').columns(['last_activity_at']).execute();

  await db.schema
    .createTable('network_exchange_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('network_exchange_threads.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('network_exchange_replies_thread_idx').on('network_exchange_replies').columns(['thread_id', 'created_at']).execute();
  await db.schema
    .alterTable('network_exchange_threads')
    .addForeignKeyConstraint('network_exchange_threads_accepted_fk', ['accepted_reply_id'], 'network_exchange_replies', ['id'])
    .onDelete('set null')
    .execute();

  // Who hears of new replies; a row with following = false is someone who asked to stop.
  await db.schema
    .createTable('network_exchange_follows')
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('network_exchange_threads.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('following', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('network_exchange_follows_pk', ['thread_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('network_exchange_notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'uuid', (c) => c.notNull().references('network_exchange_threads.id').onDelete('cascade'))
    .addColumn('reply_id', 'uuid', (c) => c.notNull().references('network_exchange_replies.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('network_exchange_notifications_user_idx').on('network_exchange_notifications').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('network_exchange_threads').dropConstraint('network_exchange_threads_accepted_fk').execute();
  for (const table of ['network_exchange_notifications', 'network_exchange_follows', 'network_exchange_replies', 'network_exchange_threads']) await db.schema.dropTable(table).execute();
}
