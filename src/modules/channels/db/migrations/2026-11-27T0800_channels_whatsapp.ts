import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // Where a phone is in the WhatsApp menu (the USSD menu as text). WhatsApp sends one message at a time, not the
  // whole path as USSD does, so the path is kept here; a conversation idle for 15 minutes starts again.
  // The complaint it filed last is kept for 30 minutes: photos sent just after are attached to it.
  await db.schema
    .createTable('channel_conversations')
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    // null: no menu open.
    .addColumn('path', sql`text[]`)
    // Photos received during the complaint flow, attached once the complaint is sent: [{ externalId, mediaId, contentType }].
    .addColumn('pending_media', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('filed_reference', 'text')
    .addColumn('filed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_conversations_pk', ['commune_id', 'phone'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_conversations').ifExists().execute();
}
