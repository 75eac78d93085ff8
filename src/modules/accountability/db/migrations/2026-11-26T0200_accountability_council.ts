import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
const communeTable = (db: Kysely<any>, table: string) =>
  db.schema
    .createTable(table)
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'));

export async function up(db: Kysely<any>): Promise<void> {
  await communeTable(db, 'council_sessions')
    .addColumn('session_date', 'date', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_id', 'uuid', (c) => c.references('council_meetings.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await communeTable(db, 'council_decisions')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('council_sessions.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('decision_date', 'date', (c) => c.notNull())
    .addColumn('subject', 'jsonb', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('full_text', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('pdf_file_id', 'uuid', (c) => c.references('stored_files.id'))
    .addColumn('members_in_office', 'integer')
    .addColumn('present', 'integer')
    .addColumn('votes_for', 'integer', (c) => c.notNull().defaultTo(0).check(sql`votes_for >= 0`))
    .addColumn('votes_against', 'integer', (c) => c.notNull().defaultTo(0).check(sql`votes_against >= 0`))
    .addColumn('abstentions', 'integer', (c) => c.notNull().defaultTo(0).check(sql`abstentions >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('adopted', 'rejected', 'withdrawn')`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('council_decisions_number_unique', ['commune_id', 'year', 'number'])
    .execute();
  await db.schema.createIndex('council_decisions_public_idx').on('council_decisions').columns(['commune_id', 'published_at']).execute();

  await communeTable(db, 'council_decision_votes')
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('council_decisions.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('council_persons.id').onDelete('cascade'))
    .addColumn('option', 'text', (c) => c.notNull().check(sql`option in ('yes', 'no', 'abstain', 'absent')`))
    .addUniqueConstraint('council_decision_votes_unique', ['decision_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['council_decision_votes', 'council_decisions', 'council_sessions']) await db.schema.dropTable(table).execute();
}
