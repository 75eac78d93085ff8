import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // A programme guide of the network (not of one commune): edited as a draft, read as published versions.
  await db.schema
    .createTable('network_guides')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('mayors', 'staff', 'volunteers', 'citizens')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The draft chapters; `key` is the anchor other pages link to (…/guides/<slug>#<key>).
  await db.schema
    .createTable('network_guide_chapters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('guide_id', 'uuid', (c) => c.notNull().references('network_guides.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('network_guide_chapters_key', ['guide_id', 'key'])
    .execute();

  // Each publication freezes the whole guide: readers see the latest, older ones stay readable.
  await db.schema
    .createTable('network_guide_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('guide_id', 'uuid', (c) => c.notNull().references('network_guides.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('network_guide_versions_number', ['guide_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('network_guide_versions').execute();
  await db.schema.dropTable('network_guide_chapters').execute();
  await db.schema.dropTable('network_guides').execute();
}
