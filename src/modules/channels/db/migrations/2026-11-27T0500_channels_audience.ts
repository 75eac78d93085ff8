import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');

export async function up(db: Kysely<any>): Promise<void> {
  // A phone that sent STOP to a commune's line: nothing unsolicited goes to it from that commune any more.
  await db.schema
    .createTable('channel_opt_outs')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_opt_outs_pk', ['commune_id', 'phone'])
    .execute();

  // Who asked for the commune's news and alerts, by which channel, in which language, for which neighbourhood.
  await db.schema
    .createTable('channel_subscriptions')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'whatsapp')`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('fr', 'en', 'pt', 'ar')`))
    .addColumn('neighbourhood', 'text')
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{news,meetings,consultations}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_subscriptions_pk', ['commune_id', 'phone', 'channel'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_subscriptions').ifExists().execute();
  await db.schema.dropTable('channel_opt_outs').ifExists().execute();
}
