import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');

export async function up(db: Kysely<any>): Promise<void> {
  // Each commune's OCDS identity: the ocid prefix it publishes under, and whether OCP has registered it.
  await db.schema
    .createTable('finance_contract_settings')
    .addColumn('commune_id', 'uuid', (c) => c.primaryKey().references('communes.id').onDelete('cascade'))
    .addColumn('ocid_prefix', 'text', (c) => c.notNull().check(sql`ocid_prefix ~ '^ocds-[a-z0-9]{6}$'`))
    .addColumn('prefix_registered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One contracting process: its current state per stage (what the pages and the compiled release show).
  await db.schema
    .createTable('finance_contract_processes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    // Fixed at creation: an ocid never changes, even if the commune's prefix does later.
    .addColumn('ocid', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('planning', 'jsonb')
    .addColumn('tender', 'jsonb')
    .addColumn('award', 'jsonb')
    .addColumn('contract', 'jsonb')
    .addColumn('implementation', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finance_contract_processes_commune_idx').on('finance_contract_processes').columns(['commune_id', 'created_at']).execute();

  // The OCDS releases as published, append-only: one per stage saved.
  await db.schema
    .createTable('finance_contract_releases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('finance_contract_processes.id').onDelete('cascade'))
    .addColumn('release_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz', (c) => c.notNull())
    .addColumn('release', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('finance_contract_releases_unique', ['process_id', 'release_id'])
    .execute();
  await db.schema.createIndex('finance_contract_releases_commune_idx').on('finance_contract_releases').columns(['commune_id', 'released_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['finance_contract_releases', 'finance_contract_processes', 'finance_contract_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
