import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // Every message received from a phone, once per provider message id: a redelivered webhook does nothing twice.
  // What it matched (a keyword) is kept; the others wait for the staff inbox, never published automatically.
  await db.schema
    .createTable('channel_inbound_messages')
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'whatsapp')`))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('matched', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_inbound_messages_pk', ['commune_id', 'provider', 'external_id'])
    .execute();
  await db.schema.createIndex('channel_inbound_messages_unmatched').on('channel_inbound_messages').columns(['commune_id', 'received_at']).where(sql.ref('matched'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_inbound_messages').ifExists().execute();
}
