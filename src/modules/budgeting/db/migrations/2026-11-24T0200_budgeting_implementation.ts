import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const statuses = sql`status in ('planned', 'procurement', 'in_progress', 'done', 'cancelled')`;

/**
 * Implementation tracking after the vote: every update is kept (the public history of a project), photos of
 * the works, and the rules a tracked project keeps (a cancelled project says why; a finished one is at 100 %).
 * The freeze triggers of the core migration leave these columns and tables editable after the vote.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_project_updates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('budget_projects.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(statuses))
    .addColumn('progress', 'integer', (c) => c.notNull().check(sql`progress between 0 and 100`))
    .addColumn('spent_to_date', 'bigint', (c) => c.check(sql`spent_to_date >= 0`))
    .addColumn('note', 'text')
    // Kept for the audit trail; never published.
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('budget_project_updates_cancel_reason', sql`status <> 'cancelled' or coalesce(btrim(note), '') <> ''`)
    .addCheckConstraint('budget_project_updates_done_complete', sql`status <> 'done' or progress = 100`)
    .execute();
  await db.schema.createIndex('budget_project_updates_project_idx').on('budget_project_updates').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('budget_project_photos')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('budget_projects.id').onDelete('cascade'))
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('budget_project_photos_project_idx').on('budget_project_photos').columns(['project_id', 'created_at']).execute();

  await sql`alter table budget_projects add constraint budget_projects_cancel_reason check (implementation_status is distinct from 'cancelled' or coalesce(btrim(implementation_note), '') <> '')`.execute(db);
  await sql`alter table budget_projects add constraint budget_projects_done_complete check (implementation_status is distinct from 'done' or progress = 100)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table budget_projects drop constraint if exists budget_projects_done_complete`.execute(db);
  await sql`alter table budget_projects drop constraint if exists budget_projects_cancel_reason`.execute(db);
  await db.schema.dropTable('budget_project_photos').ifExists().execute();
  await db.schema.dropTable('budget_project_updates').ifExists().execute();
}
