import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

/** API keys a commune issues to Open311 clients (apps, partners): only a hash is kept, the key is shown once. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open311_api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    // Who the key is for (an app, a partner organisation), as the commune names it.
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
    // SHA-256 of the key: keys are long random strings, so a fast hash is enough and lookups stay indexed.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The first characters of the key, so staff can tell keys apart without storing them.
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('open311_api_keys_commune').on('open311_api_keys').columns(['commune_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open311_api_keys').execute();
}
