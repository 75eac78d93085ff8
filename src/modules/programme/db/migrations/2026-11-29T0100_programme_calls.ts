import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // Private files attached to applications (CV, council decision): served only to the applicant and the team.
  await db.schema
    .createTable('programme_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('programme_applications.id').onDelete('cascade'))
    .addColumn('field_key', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('programme_files_application').on('programme_files').column('application_id').execute();
  // What the applicant last typed in a draft, valid or not, so a saved draft never loses anything.
  await db.schema.alterTable('programme_applications').addColumn('draft_values', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
  await db.schema.alterTable('programme_applications').addColumn('withdrawn_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programme_applications').dropColumn('withdrawn_at').execute();
  await db.schema.alterTable('programme_applications').dropColumn('draft_values').execute();
  await db.schema.dropTable('programme_files').execute();
}
