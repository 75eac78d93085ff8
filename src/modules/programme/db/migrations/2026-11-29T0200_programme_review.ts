import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // The operator closes scoring for a call: reviewers can no longer revise, the ranking is final.
  await db.schema.alterTable('programme_calls').addColumn('review_closed_at', 'timestamptz').execute();
  // How each decision reached its applicant: e.g. ["inbox","sms"]; [] = nobody to write to, the team tells them by hand.
  await db.schema.alterTable('programme_applications').addColumn('decision_sent_via', 'jsonb').execute();

  await db.schema
    .createTable('programme_review_criteria')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('programme_calls.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'jsonb', (c) => c.notNull())
    .addColumn('guide', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight between 1 and 100`))
    .execute();
  await db.schema.createIndex('programme_review_criteria_call').on('programme_review_criteria').columns(['call_id', 'position']).execute();

  await db.schema
    .createTable('programme_review_assignments')
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('programme_calls.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('assigned_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('programme_review_assignments_pk', ['call_id', 'user_id'])
    .execute();

  // One reviewer's review of one application: scores, or a declared conflict of interest (then no scores).
  await db.schema
    .createTable('programme_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('programme_applications.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment', 'text')
    .addColumn('conflict_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('programme_reviews_one_per_reviewer', ['application_id', 'reviewer_id'])
    .execute();

  // A criterion that has a score cannot be deleted (restrict): the criteria are frozen once scoring began.
  await db.schema
    .createTable('programme_review_scores')
    .addColumn('review_id', 'uuid', (c) => c.notNull().references('programme_reviews.id').onDelete('cascade'))
    .addColumn('criterion_id', 'uuid', (c) => c.notNull().references('programme_review_criteria.id').onDelete('restrict'))
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 5`))
    .addPrimaryKeyConstraint('programme_review_scores_pk', ['review_id', 'criterion_id'])
    .execute();

  // Interviews of shortlisted applicants: private to the team.
  await db.schema
    .createTable('programme_interviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('programme_applications.id').onDelete('cascade'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('interviewer', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text', (c) => c.notNull().check(sql`recommendation in ('select', 'reserve', 'reject')`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The programme's messages to signed-up applicants (their decision), read in their programme inbox.
  await db.schema
    .createTable('programme_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('application_id', 'uuid', (c) => c.references('programme_applications.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('programme_messages_user').on('programme_messages').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_messages').execute();
  await db.schema.dropTable('programme_interviews').execute();
  await db.schema.dropTable('programme_review_scores').execute();
  await db.schema.dropTable('programme_reviews').execute();
  await db.schema.dropTable('programme_review_assignments').execute();
  await db.schema.dropTable('programme_review_criteria').execute();
  await db.schema.alterTable('programme_applications').dropColumn('decision_sent_via').execute();
  await db.schema.alterTable('programme_calls').dropColumn('review_closed_at').execute();
}
