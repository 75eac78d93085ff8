import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // The six-month assisted path of a deployment: steps with an owner, a due date and evidence; a step may be tied
  // to a scorecard indicator and a target, so its progress is read from the commune's live data.
  await db.schema
    .createTable('programme_path_steps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deployment_id', 'uuid', (c) => c.notNull().references('programme_deployments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // The template step it came from (budget, datasets…), null for a step added by hand.
    .addColumn('template', 'text')
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'in_progress', 'done', 'blocked')`))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_url', 'text', (c) => c.check(sql`evidence_url ~ '^https?://'`))
    // A scorecard indicator id (config/scorecard.json) and the value that meets the step.
    .addColumn('indicator', 'text')
    .addColumn('target', 'numeric')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('programme_path_steps_target', sql`(indicator is null) = (target is null)`)
    .execute();
  await db.schema.createIndex('programme_path_steps_deployment').on('programme_path_steps').columns(['deployment_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_path_steps').execute();
}
