import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // The staff inbox: a message no keyword matched waits until an officer turns it into a complaint or a contribution,
  // answers it, or sets it aside; what was done, by whom and when is kept beside the message.
  await db.schema
    .alterTable('channel_inbound_messages')
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`).unique())
    .addColumn('handled_at', 'timestamptz')
    .addColumn('handled_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('handled_as', 'text', (c) => c.check(sql`handled_as in ('complaint', 'contribution', 'answer', 'dismissed')`))
    .addColumn('handled_ref', 'text')
    .execute();
  await db.schema.dropIndex('channel_inbound_messages_unmatched').execute();
  await db.schema.createIndex('channel_inbound_messages_waiting').on('channel_inbound_messages').columns(['commune_id', 'received_at']).where(sql<boolean>`matched is null and handled_at is null`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('channel_inbound_messages_waiting').execute();
  await db.schema.createIndex('channel_inbound_messages_unmatched').on('channel_inbound_messages').columns(['commune_id', 'received_at']).where(sql.ref('matched'), 'is', null).execute();
  for (const column of ['handled_ref', 'handled_as', 'handled_by', 'handled_at', 'id']) await db.schema.alterTable('channel_inbound_messages').dropColumn(column).execute();
}
