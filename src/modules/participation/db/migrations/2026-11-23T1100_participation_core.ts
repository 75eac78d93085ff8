import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('development_plan', 'budget', 'action_plan', 'local_project', 'other')`))
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('neighbourhoods', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('influence_level', 'text', (c) => c.notNull().check(sql`influence_level in ('inform', 'consult', 'involve', 'collaborate', 'empower')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'closed')`))
    .addColumn('manual_phase_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('consultations_commune_idx').on('consultations').columns(['commune_id', 'status']).execute();

  await db.schema
    .createTable('consultation_phases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('allows_proposals', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allows_comments', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allows_supports', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allows_survey', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('consultation_phases_dates', sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('consultation_phases_consultation_idx').on('consultation_phases').columns(['consultation_id', 'starts_on']).execute();

  await db.schema
    .createTable('proposals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('consultation_phases.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('on_behalf_of', 'uuid', (c) => c.references('assisted_participants.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'mediator', 'sms', 'meeting')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('neighbourhood', 'text')
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('accepted', 'partially_accepted', 'not_retained', 'already_planned', 'out_of_competence')`))
    .addColumn('answer_reason', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('proposals_consultation_idx').on('proposals').columns(['consultation_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('proposal_supports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('proposal_id', 'uuid', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('proposal_supports_one_per_person', ['proposal_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['proposal_supports', 'proposals', 'consultation_phases', 'consultations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
