import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
const communeColumn = (table: Parameters<Kysely<any>['schema']['createTable']>[0], db: Kysely<any>) =>
  db.schema
    .createTable(table)
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commune_profiles')
    .addColumn('commune_id', 'uuid', (c) => c.primaryKey().references('communes.id').onDelete('cascade'))
    .addColumn('presentation', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('key_figures', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('neighbourhoods', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await communeColumn('council_persons', db)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('biography', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('photo_file_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await communeColumn('council_organizations', db)
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull().check(sql`classification in ('council', 'executive', 'commission')`))
    .execute();

  await communeColumn('council_memberships', db)
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('council_persons.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('council_organizations.id').onDelete('cascade'))
    .addColumn('role', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('post', 'text', (c) =>
      c.notNull().check(sql`post in ('mayor', 'deputy_mayor', 'councillor', 'commission_chair', 'commission_member')`),
    )
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .execute();

  await communeColumn('news_posts', db)
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('photo_file_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('publish_at', 'timestamptz')
    .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('news_posts_public_idx').on('news_posts').columns(['commune_id', 'status', 'publish_at']).execute();

  await communeColumn('commune_services', db)
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull())
    .addColumn('fee', 'numeric')
    .addColumn('delay', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('location', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('opening_hours', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await communeColumn('commune_documents', db)
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('document_date', 'date', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await communeColumn('council_meetings', db)
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('location', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('agenda', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  for (const table of ['council_persons', 'council_organizations', 'council_memberships', 'commune_services', 'commune_documents', 'council_meetings']) {
    await db.schema.createIndex(`${table}_commune_idx`).on(table).column('commune_id').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['council_meetings', 'commune_documents', 'commune_services', 'news_posts', 'council_memberships', 'council_organizations', 'council_persons', 'commune_profiles']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
