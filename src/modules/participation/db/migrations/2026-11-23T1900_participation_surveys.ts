import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application. A survey per phase, its questions and options,
// and responses whose answers point at questions and options without cascade: an answered question or
// option cannot be deleted, so editing a survey never loses answers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('consultation_phases.id').onDelete('cascade'))
    .addColumn('intro', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('surveys_one_per_phase', ['phase_id'])
    .execute();
  await db.schema.createIndex('surveys_consultation_idx').on('surveys').columns(['consultation_id']).execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('single_choice', 'multiple_choice', 'short_text', 'long_text', 'scale')`))
    .addColumn('prompt', 'jsonb', (c) => c.notNull())
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scale_min', 'integer')
    .addColumn('scale_max', 'integer')
    .addColumn('scale_min_label', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('scale_max_label', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('condition_question_id', 'uuid', (c) => c.references('survey_questions.id'))
    .addColumn('condition_option_id', 'uuid')
    .addCheckConstraint('survey_questions_scale', sql`kind <> 'scale' or (scale_min >= 0 and scale_max > scale_min and scale_max <= 10)`)
    .addCheckConstraint('survey_questions_condition', sql`(condition_question_id is null) = (condition_option_id is null)`)
    .execute();
  // Deferred, so two questions can swap places inside one transaction.
  await sql`alter table survey_questions add constraint survey_questions_position unique (survey_id, position) deferrable initially deferred`.execute(db);

  await db.schema
    .createTable('survey_options')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('survey_questions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_options_question_idx').on('survey_options').columns(['question_id', 'position']).execute();
  await sql`alter table survey_questions add constraint survey_questions_condition_option foreign key (condition_option_id) references survey_options (id)`.execute(db);

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('respondent_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('on_behalf_of', 'uuid', (c) => c.references('assisted_participants.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'mediator')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One response per person, and one per assisted participant: a mediator answering for someone
  // can still answer for themselves. The database decides, so parallel submissions store one.
  await sql`create unique index survey_responses_one_per_person on survey_responses (survey_id, respondent_id) where on_behalf_of is null`.execute(db);
  await sql`create unique index survey_responses_one_per_participant on survey_responses (survey_id, on_behalf_of) where on_behalf_of is not null`.execute(db);

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('response_id', 'uuid', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('survey_questions.id'))
    .addColumn('option_id', 'uuid', (c) => c.references('survey_options.id'))
    .addColumn('number_value', 'integer')
    .addColumn('text_value', 'text')
    .execute();
  await db.schema.createIndex('survey_answers_question_idx').on('survey_answers').columns(['question_id', 'option_id']).execute();
  await db.schema.createIndex('survey_answers_response_idx').on('survey_answers').columns(['response_id']).execute();
  await db.schema.createIndex('survey_answers_option_idx').on('survey_answers').columns(['option_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_answers', 'survey_responses']) await db.schema.dropTable(table).ifExists().execute();
  await sql`alter table if exists survey_questions drop constraint if exists survey_questions_condition_option`.execute(db);
  for (const table of ['survey_options', 'survey_questions', 'surveys']) await db.schema.dropTable(table).ifExists().execute();
}
