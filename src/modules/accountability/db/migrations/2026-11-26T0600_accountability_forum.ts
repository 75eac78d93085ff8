import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');

export async function up(db: Kysely<any>): Promise<void> {
  // The commune's multi-stakeholder forum (OGP Local): one per commune, with its published rules.
  await db.schema
    .createTable('accountability_forums')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => communeColumn(c).unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rules_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rules_url', 'text')
    .addColumn('rules_published_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Members stay after they leave (left_on set): the forum's history shows who sat in it when.
  await db.schema
    .createTable('accountability_forum_members')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('accountability_forums.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sector', 'text', (c) => c.notNull().check(sql`sector in ('government', 'civil_society', 'other')`))
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('female', 'male', 'other', 'undisclosed')`))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('joined_on', 'date')
    .addColumn('left_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Lets attendance rows point at (member, commune): a member of another commune cannot be marked present.
    .addUniqueConstraint('accountability_forum_members_id_commune', ['id', 'commune_id'])
    .addCheckConstraint('accountability_forum_members_dates', sql`left_on is null or joined_on is null or left_on >= joined_on`)
    .execute();

  await db.schema
    .createTable('accountability_forum_meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('forum_id', 'uuid', (c) => c.notNull().references('accountability_forums.id').onDelete('cascade'))
    // The plan the meeting worked on, when there is one: it enters that plan's co-creation record.
    .addColumn('plan_id', 'uuid', (c) => c.references('accountability_plans.id').onDelete('set null'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda_published_on', 'date')
    .addColumn('minutes_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes_url', 'text')
    .addColumn('minutes_published_on', 'date')
    .addColumn('other_attendees', 'integer', (c) => c.notNull().defaultTo(0).check(sql`other_attendees >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('accountability_forum_meetings_id_commune', ['id', 'commune_id'])
    .execute();
  await db.schema.createIndex('accountability_forum_meetings_commune_idx').on('accountability_forum_meetings').columns(['commune_id', 'starts_at']).execute();

  await db.schema
    .createTable('accountability_forum_attendance')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('meeting_id', 'uuid', (c) => c.notNull())
    .addColumn('member_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('accountability_forum_attendance_pk', ['meeting_id', 'member_id'])
    .addForeignKeyConstraint('accountability_forum_attendance_meeting', ['meeting_id', 'commune_id'], 'accountability_forum_meetings', ['id', 'commune_id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('accountability_forum_attendance_member', ['member_id', 'commune_id'], 'accountability_forum_members', ['id', 'commune_id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('accountability_forum_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('accountability_forum_meetings.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Civil society's endorsement of a plan, recorded by staff with the document that carries it.
  await db.schema
    .createTable('accountability_plan_endorsements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('accountability_plans.id').onDelete('cascade'))
    .addColumn('organisations', 'text', (c) => c.notNull())
    .addColumn('endorsed_on', 'date', (c) => c.notNull())
    .addColumn('document_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['accountability_plan_endorsements', 'accountability_forum_decisions', 'accountability_forum_attendance', 'accountability_forum_meetings', 'accountability_forum_members', 'accountability_forums']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
