import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // A message staff sent to the commune's subscribers (news, a meeting, a consultation), with the filters it used.
  await db.schema
    .createTable('channel_broadcasts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('news', 'meeting', 'consultation')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'whatsapp', 'both')`))
    .addColumn('locale_filter', 'text', (c) => c.check(sql`locale_filter in ('fr', 'en', 'pt', 'ar')`))
    .addColumn('neighbourhood_filter', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending', 'sent')`))
    .addColumn('recipients', 'integer', (c) => c.notNull().check(sql`recipients >= 0`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('channel_broadcasts_commune').on('channel_broadcasts').columns(['commune_id', 'created_at']).execute();
  // One broadcast in progress per commune, even when two staff confirm at the same moment.
  await db.schema.createIndex('channel_broadcasts_one_sending').unique().on('channel_broadcasts').column('commune_id').where(sql.ref('status'), '=', 'sending').execute();

  // Who a broadcast goes to, fixed when it starts: progress is counted here and a job run twice sends nothing twice.
  await db.schema
    .createTable('channel_broadcast_recipients')
    .addColumn('broadcast_id', 'uuid', (c) => c.notNull().references('channel_broadcasts.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'whatsapp')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'suppressed')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_broadcast_recipients_pk', ['broadcast_id', 'phone', 'channel'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_broadcast_recipients').ifExists().execute();
  await db.schema.dropTable('channel_broadcasts').ifExists().execute();
}
