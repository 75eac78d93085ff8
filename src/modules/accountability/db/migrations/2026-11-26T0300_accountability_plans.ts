import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');
const completion = sql`('not_started', 'limited', 'substantial', 'complete')`;

export async function up(db: Kysely<any>): Promise<void> {
  // A plan the commune follows in public: an OGP Local action plan, its development plan (PDC), or another.
  await db.schema
    .createTable('accountability_plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ogp_action_plan', 'development_plan', 'other')`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    // The IAP2 level of public influence reached while the plan was written (OGP asks for "involve" at least).
    .addColumn('influence_level', 'text', (c) => c.check(sql`influence_level in ('inform', 'consult', 'involve', 'collaborate', 'empower')`))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('accountability_plans_period', sql`period_end >= period_start`)
    .execute();

  // The consultations (module participation) a plan came from: its co-creation record.
  await db.schema
    .createTable('accountability_plan_sources')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('accountability_plans.id').onDelete('cascade'))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('accountability_plan_sources_pk', ['plan_id', 'consultation_id'])
    .execute();

  // A commitment with the fields of OGP's commitment template.
  await db.schema
    .createTable('accountability_commitments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('accountability_plans.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('problem', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('action', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('solution', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('expected_results', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ogp_values', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('lead_institution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('supporters_government', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('supporters_civil_society', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('supporters_other', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('policy_area', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('budget_amount', 'numeric(18, 2)')
    // Budget lines (module finances) by year and line key: "2026|expenditure|investment|23|2".
    .addColumn('budget_lines', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('sdgs', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1).check(sql`weight between 1 and 100`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started').check(sql`status in ${completion}`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('accountability_commitments_number', ['plan_id', 'number'])
    .execute();

  // Milestones: each a verifiable deliverable with dates, a responsible actor and a status on the OGP scale.
  await db.schema
    .createTable('accountability_milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('commitment_id', 'uuid', (c) => c.notNull().references('accountability_commitments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('deliverable', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('responsible', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1).check(sql`weight between 1 and 100`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started').check(sql`status in ${completion}`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('accountability_milestones_commitment_idx').on('accountability_milestones').columns(['commitment_id', 'position']).execute();

  // Evidence of progress: a document, a link or a photo, on a commitment or one of its milestones.
  await db.schema
    .createTable('accountability_evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('commitment_id', 'uuid', (c) => c.notNull().references('accountability_commitments.id').onDelete('cascade'))
    .addColumn('milestone_id', 'uuid', (c) => c.references('accountability_milestones.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('document', 'link', 'photo')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('file_id', 'uuid')
    .addColumn('added_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('accountability_evidence_target', sql`(url is not null) <> (file_id is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['accountability_evidence', 'accountability_milestones', 'accountability_commitments', 'accountability_plan_sources', 'accountability_plans']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
