import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('network_twinnings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The declaring member commune.
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('partner_commune_id', 'uuid', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('partner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('partner_country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('partner_url', 'text')
    .addColumn('goals', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'active', 'ended', 'declined')`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('network_twinnings_partner_check', sql`partner_commune_id is not null or partner_name <> ''`)
    .addCheckConstraint('network_twinnings_not_self', sql`partner_commune_id is null or partner_commune_id <> commune_id`)
    .execute();
  await db.schema.createIndex('network_twinnings_partner_idx').on('network_twinnings').columns(['partner_commune_id']).execute();

  await db.schema
    .createTable('network_twinning_activities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('twinning_id', 'uuid', (c) => c.notNull().references('network_twinnings.id').onDelete('cascade'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('network_twinning_activities_twinning_idx').on('network_twinning_activities').columns(['twinning_id', 'date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['network_twinning_activities', 'network_twinnings']) await db.schema.dropTable(table).execute();
}
