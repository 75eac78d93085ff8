import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');
const commitmentColumn = (c: any) => c.notNull().references('accountability_commitments.id').onDelete('cascade');
const completion = sql`('not_started', 'limited', 'substantial', 'complete')`;

export async function up(db: Kysely<any>): Promise<void> {
  // A progress report on a commitment for one period: the commune's own, or civil society's shadow assessment.
  await db.schema
    .createTable('accountability_progress_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('commitment_id', 'uuid', commitmentColumn)
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${completion}`))
    .addColumn('narrative', 'jsonb', (c) => c.notNull())
    .addColumn('challenges', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // [{ "title": …, "url": "https://…" }]
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('author_kind', 'text', (c) => c.notNull().check(sql`author_kind in ('commune', 'civil_society')`))
    .addColumn('organisation', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addCheckConstraint('accountability_progress_reports_period', sql`period_end >= period_start`)
    // A shadow assessment says which organisation stands behind it.
    .addCheckConstraint('accountability_progress_reports_organisation', sql`author_kind = 'commune' or coalesce(organisation, '') <> ''`)
    .execute();
  // One commune report per commitment and period; one shadow assessment per organisation's representative.
  await sql`create unique index accountability_reports_commune_period on accountability_progress_reports (commitment_id, period_start, period_end) where author_kind = 'commune'`.execute(db);
  await sql`create unique index accountability_reports_shadow_period on accountability_progress_reports (commitment_id, period_start, period_end, created_by) where author_kind = 'civil_society'`.execute(db);

  // The independent monitoring body's IRM-style review of a commitment, kept apart from the commune's own status.
  await db.schema
    .createTable('accountability_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('commitment_id', 'uuid', commitmentColumn)
    .addColumn('verifiable', 'boolean', (c) => c.notNull())
    .addColumn('ogp_values', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('potential_impact', 'text', (c) => c.notNull().check(sql`potential_impact in ('unclear', 'modest', 'substantial')`))
    .addColumn('completion', 'text', (c) => c.notNull().check(sql`completion in ('no_evidence', 'not_started', 'limited', 'substantial', 'complete')`))
    .addColumn('early_results', 'text', (c) => c.check(sql`early_results in ('no_notable_results', 'modest', 'significant', 'outstanding')`))
    .addColumn('rationale', 'jsonb', (c) => c.notNull())
    .addColumn('review_date', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('accountability_reviews_commitment_idx').on('accountability_reviews').columns(['commitment_id', 'review_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('accountability_reviews').ifExists().execute();
  await db.schema.dropTable('accountability_progress_reports').ifExists().execute();
}
