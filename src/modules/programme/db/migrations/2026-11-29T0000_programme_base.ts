import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // The programme's own team: operators run calls and deployments, reviewers score applications. Platform
  // administrators are operators without a row here.
  await db.schema
    .createTable('programme_team')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('operator', 'reviewer')`))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('added_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  // One cohort = one round of the programme: its calls select the communes and the volunteers of a six-month path.
  await db.schema
    .createTable('programme_cohorts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('path_starts_on', 'date', (c) => c.notNull())
    .addColumn('path_ends_on', 'date', (c) => c.notNull())
    // The operator's switch: a volunteer is not deployed in their own country of origin.
    .addColumn('volunteers_abroad_only', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('programme_cohorts_path_order', sql`path_ends_on > path_starts_on`)
    .execute();

  await db.schema
    .createTable('programme_calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cohort_id', 'uuid', (c) => c.notNull().references('programme_cohorts.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('communes', 'volunteers')`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Languages applicants may answer in (and the call is written in), e.g. ["fr","en"].
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'["fr"]'::jsonb`))
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    // A call is a draft until published; applications are taken from opens_on to closes_on (inclusive, UTC days).
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('programme_calls_dates', sql`closes_on >= opens_on`)
    .execute();

  // The call's form, built by the operator from typed fields; answers are stored by `key`.
  await db.schema
    .createTable('programme_call_fields')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('programme_calls.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text', 'long_text', 'choice', 'file', 'yes_no', 'number')`))
    .addColumn('label', 'jsonb', (c) => c.notNull())
    .addColumn('help', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    // choice: [{ "value": "…", "label": { "fr": "…" } }]; number: min/max; text: max_length.
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('min_value', 'numeric')
    .addColumn('max_value', 'numeric')
    .addColumn('max_length', 'integer')
    // "needs": what a commune asks for; the terms of reference of its deployment are built from these answers.
    .addColumn('purpose', 'text', (c) => c.check(sql`purpose in ('needs')`))
    .addUniqueConstraint('programme_call_fields_key', ['call_id', 'key'])
    .execute();

  await db.schema
    .createTable('programme_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('programme_calls.id').onDelete('cascade'))
    // PRG-2027-0001, given on submission.
    .addColumn('reference', 'text', (c) => c.unique())
    // The person who applies online; null for a paper application entered by the team.
    .addColumn('applicant_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('entered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('web').check(sql`channel in ('web', 'paper')`))
    // A call for communes: the commune that applies (on this install).
    .addColumn('commune_id', 'uuid', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    // ISO 3166-1 alpha-2: applications by country, and the volunteers' country-of-origin rule.
    .addColumn('country', 'text', (c) => c.check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('female', 'male', 'other')`))
    .addColumn('birth_year', 'integer', (c) => c.check(sql`birth_year between 1900 and 2100`))
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'shortlisted', 'selected', 'rejected', 'withdrawn')`),
    )
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('programme_applications_submitted', sql`status = 'draft' or (submitted_at is not null and reference is not null)`)
    .execute();
  // One application per person per call (a paper application has no account).
  await sql`create unique index programme_applications_one_per_person on programme_applications (call_id, applicant_user_id) where applicant_user_id is not null`.execute(db);
  await sql`create unique index programme_applications_one_per_commune on programme_applications (call_id, commune_id) where commune_id is not null and status <> 'withdrawn'`.execute(db);
  await db.schema.createIndex('programme_applications_call_status').on('programme_applications').columns(['call_id', 'status']).execute();

  // A selected commune paired with a selected volunteer for the cohort's six-month path.
  await db.schema
    .createTable('programme_deployments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cohort_id', 'uuid', (c) => c.notNull().references('programme_cohorts.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('commune_application_id', 'uuid', (c) => c.references('programme_applications.id').onDelete('set null'))
    .addColumn('volunteer_application_id', 'uuid', (c) => c.notNull().references('programme_applications.id').onDelete('cascade'))
    // The volunteer's account, when they applied online: what they may write (reports, posts) follows from it.
    .addColumn('volunteer_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('planned', 'active', 'completed', 'ended_early')`))
    // Terms of reference: [{ "text": "…", "fromNeeds": true }], first built from the needs the commune expressed.
    .addColumn('terms', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('programme_deployments_one_per_commune', ['cohort_id', 'commune_id'])
    .addUniqueConstraint('programme_deployments_one_per_volunteer', ['volunteer_application_id'])
    .addCheckConstraint('programme_deployments_dates', sql`ends_on > starts_on`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_deployments').execute();
  await db.schema.dropTable('programme_applications').execute();
  await db.schema.dropTable('programme_call_fields').execute();
  await db.schema.dropTable('programme_calls').execute();
  await db.schema.dropTable('programme_cohorts').execute();
  await db.schema.dropTable('programme_team').execute();
}
