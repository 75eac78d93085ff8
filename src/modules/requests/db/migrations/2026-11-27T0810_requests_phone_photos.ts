import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // Files a reporter sent after filing (photos and documents by WhatsApp): a complaint may get several, unlike the
  // single photo of the web form. Staff see them on the complaint; the first photo also becomes its photo.
  await db.schema
    .createTable('request_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A retried job attaches the same provider media once.
  await db.schema.createIndex('request_attachments_source').unique().on('request_attachments').columns(['commune_id', 'channel', 'source_id']).execute();
  await db.schema.createIndex('request_attachments_request').on('request_attachments').columns(['commune_id', 'request_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_attachments').ifExists().execute();
}
