import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  // Other features add kinds in earlier migrations: the full list is restated here.
  await sql`alter table participation_notifications drop constraint if exists participation_notifications_kind_check`.execute(db);
  await sql`alter table participation_notifications add constraint participation_notifications_kind_check
    check (kind in ('proposal_answered', 'comment_reply', 'proposal_merged', 'appeal_decided', 'phase_opened'))`.execute(db);
  await db.schema
    .alterTable('participation_notifications')
    .alterColumn('proposal_id', (c) => c.dropNotNull())
    .addColumn('consultation_id', 'uuid', (c) => c.references('consultations.id').onDelete('cascade'))
    .addColumn('phase_id', 'uuid', (c) => c.references('consultation_phases.id').onDelete('cascade'))
    .addColumn('comment_id', 'uuid', (c) => c.references('proposal_comments.id').onDelete('cascade'))
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  // Notifications recorded before messages existed are not sent afterwards.
  await sql`update participation_notifications set delivered_at = created_at`.execute(db);
  await sql`create unique index participation_notifications_phase_once on participation_notifications (user_id, phase_id) where kind = 'phase_opened'`.execute(db);
  await sql`create index participation_notifications_pending_idx on participation_notifications (user_id) where delivered_at is null`.execute(db);

  // A phase opening is announced once; phases already open when this ships are not announced late.
  await db.schema.alterTable('consultation_phases').addColumn('announced_at', 'timestamptz').execute();
  await sql`update consultation_phases set announced_at = now() where starts_on <= current_date`.execute(db);

  await db.schema
    .createTable('participation_follows')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('proposal_id', 'uuid', (c) => c.references('proposals.id').onDelete('cascade'))
    .addColumn('consultation_id', 'uuid', (c) => c.references('consultations.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('participation_follows_one_target', sql`(proposal_id is null) <> (consultation_id is null)`)
    .addUniqueConstraint('participation_follows_one_per_proposal', ['user_id', 'proposal_id'])
    .addUniqueConstraint('participation_follows_one_per_consultation', ['user_id', 'consultation_id'])
    .execute();
  await db.schema.createIndex('participation_follows_proposal_idx').on('participation_follows').columns(['proposal_id']).execute();
  await db.schema.createIndex('participation_follows_consultation_idx').on('participation_follows').columns(['consultation_id']).execute();

  // A person's choices, across communes (like the inbox); no row means every kind, as a daily digest.
  await db.schema
    .createTable('participation_notification_preferences')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('disabled_kinds', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('delivery', 'text', (c) => c.notNull().defaultTo('digest').check(sql`delivery in ('inbox', 'digest', 'each_time')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One digest per person and day: the unique key decides between concurrent runs.
  await db.schema
    .createTable('participation_digests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('notifications', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('participation_digests_one_per_day', ['user_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participation_digests').ifExists().execute();
  await db.schema.dropTable('participation_notification_preferences').ifExists().execute();
  await db.schema.dropTable('participation_follows').ifExists().execute();
  await db.schema.alterTable('consultation_phases').dropColumn('announced_at').execute();
  await sql`drop index if exists participation_notifications_phase_once`.execute(db);
  await sql`drop index if exists participation_notifications_pending_idx`.execute(db);
  await sql`delete from participation_notifications where proposal_id is null`.execute(db);
  await db.schema
    .alterTable('participation_notifications')
    .dropColumn('consultation_id')
    .dropColumn('phase_id')
    .dropColumn('comment_id')
    .dropColumn('delivered_at')
    .alterColumn('proposal_id', (c) => c.setNotNull())
    .execute();
}
