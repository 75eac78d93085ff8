import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per SMS or WhatsApp message handed to a provider (or the outbox): what it cost in segments and what the
  // provider's receipts said became of it. Never the text itself (a one-time code, a name).
  await db.schema
    .createTable('channel_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'whatsapp')`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('segments', 'integer', (c) => c.notNull().check(sql`segments >= 0`))
    .addColumn('encoding', 'text', (c) => c.notNull().check(sql`encoding in ('gsm7', 'ucs2', 'whatsapp')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'unknown', 'suppressed', 'capped')`))
    .addColumn('external_id', 'text')
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('channel_deliveries_external').unique().on('channel_deliveries').columns(['provider', 'external_id']).where(sql.ref('external_id'), 'is not', null).execute();
  await db.schema.createIndex('channel_deliveries_month').on('channel_deliveries').columns(['commune_id', 'created_at']).execute();

  // What an administrator decided for the commune's messages: a monthly cap in segments (none: no cap).
  await db.schema
    .createTable('channel_settings')
    .addColumn('commune_id', 'uuid', (c) => c.primaryKey().references('communes.id').onDelete('cascade'))
    .addColumn('monthly_segment_cap', 'integer', (c) => c.check(sql`monthly_segment_cap > 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_settings').ifExists().execute();
  await db.schema.dropTable('channel_deliveries').ifExists().execute();
}
