import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// A procedure is a service with more structure; existing rows stay plain services with empty new fields.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('commune_services')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('service').check(sql`kind in ('service', 'procedure')`))
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('delay_days', 'integer', (c) => c.check(sql`delay_days between 0 and 365`))
    .addColumn('delay_basis', 'text', (c) => c.check(sql`delay_basis in ('legal', 'usual')`))
    .addColumn('collection', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  let alter = db.schema.alterTable('commune_services').dropColumn('kind');
  for (const column of ['eligibility', 'documents', 'delay_days', 'delay_basis', 'collection']) alter = alter.dropColumn(column);
  await alter.execute();
}
