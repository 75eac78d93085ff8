import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const idColumn = (c: any) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');
const now = (c: any) => c.notNull().defaultTo(sql`now()`);

async function createDatasets(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_data_datasets')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    // The CKAN name: unique on the install because the network API lists every commune's datasets together.
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`name ~ '^[a-z0-9_-]{2,100}$'`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('themes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('keywords', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('licence_id', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('temporal_start', 'date')
    .addColumn('temporal_end', 'date')
    .addColumn('spatial', 'text')
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('UNKNOWN'))
    .addColumn('version', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published', 'withdrawn')`))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('modified_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('open_data_datasets_commune').on('open_data_datasets').columns(['commune_id', 'state']).execute();
}

async function createResources(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_data_resources')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('open_data_datasets.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('file', 'link')`))
    .addColumn('url', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('filename', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('table_schema', 'jsonb')
    .addColumn('datastore_active', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('datastore_rows', 'bigint')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('modified_at', 'timestamptz', now)
    .addCheckConstraint('open_data_resources_kind_fields', sql`(kind = 'link' and url is not null) or (kind = 'file' and storage_key is not null)`)
    .execute();
  await db.schema.createIndex('open_data_resources_dataset').on('open_data_resources').columns(['dataset_id', 'position']).execute();
}

async function createRevisions(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_data_revisions')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('open_data_datasets.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'timestamptz', now)
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('open_data_revisions_unique', ['dataset_id', 'revision'])
    .execute();
}

async function createImports(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_data_imports')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('open_data_resources.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued').check(sql`state in ('queued', 'running', 'done', 'failed')`))
    .addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_loaded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('detected', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('failure', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('open_data_imports_resource').on('open_data_imports').columns(['resource_id', 'created_at']).execute();
  // Imported tables live apart from the application's, one per resource (see datastore/tables.ts).
  await sql`create schema if not exists datastore`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await createDatasets(db);
  await createResources(db);
  await createRevisions(db);
  await createImports(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema if exists datastore cascade`.execute(db);
  for (const table of ['open_data_imports', 'open_data_revisions', 'open_data_resources', 'open_data_datasets']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
