import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // A volunteer's monthly activity report on a deployment: written as a draft, submitted, then acknowledged by the
  // operator (who may comment). Period = the month reported on, "YYYY-MM".
  await db.schema
    .createTable('programme_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deployment_id', 'uuid', (c) => c.notNull().references('programme_deployments.id').onDelete('cascade'))
    .addColumn('author_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('activities', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('results', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('difficulties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'acknowledged')`))
    .addColumn('operator_comment', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('programme_reports_one_per_month', ['deployment_id', 'period'])
    .addCheckConstraint('programme_reports_submitted', sql`status = 'draft' or submitted_at is not null`)
    .execute();

  // A volunteer's public blog post: reviewed by the operator before anyone else sees it. The slug is given on the
  // first publication, so a draft has no public address at all.
  await db.schema
    .createTable('programme_posts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deployment_id', 'uuid', (c) => c.notNull().references('programme_deployments.id').onDelete('cascade'))
    .addColumn('author_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('slug', 'text', (c) => c.unique())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('fr', 'en', 'pt', 'ar')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'returned', 'published', 'unpublished')`))
    .addColumn('review_comment', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('programme_posts_published', sql`status <> 'published' or (slug is not null and published_at is not null)`)
    .execute();
  await db.schema.createIndex('programme_posts_status').on('programme_posts').columns(['status', 'published_at']).execute();

  // Lessons learned by a volunteer or the operator; the operator folds them into a network guide (a draft chapter)
  // or links them to a good practice.
  await db.schema
    .createTable('programme_lessons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deployment_id', 'uuid', (c) => c.references('programme_deployments.id').onDelete('set null'))
    .addColumn('author_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('fr', 'en', 'pt', 'ar')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('worked', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('did_not_work', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recommendation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('mayors', 'staff', 'volunteers', 'citizens')`))
    .addColumn('guide_slug', 'text')
    .addColumn('guide_chapter_key', 'text')
    .addColumn('folded_at', 'timestamptz')
    .addColumn('folded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('practice_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_lessons').execute();
  await db.schema.dropTable('programme_posts').execute();
  await db.schema.dropTable('programme_reports').execute();
}
