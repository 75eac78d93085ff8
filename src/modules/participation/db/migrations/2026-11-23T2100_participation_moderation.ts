import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  // Proposals can be hidden like comments: kept for appeal and audit, the reason shown in their place.
  await db.schema.alterTable('proposals').addColumn('hidden_at', 'timestamptz').addColumn('hidden_reason', 'text').addColumn('hidden_by', 'uuid', (c) => c.references('users.id')).execute();

  // A report names exactly one item: a proposal or a comment.
  await db.schema.alterTable('content_reports').alterColumn('comment_id', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('content_reports').addColumn('proposal_id', 'uuid', (c) => c.references('proposals.id').onDelete('cascade')).execute();
  await db.schema.alterTable('content_reports').addCheckConstraint('content_reports_one_item', sql`num_nonnulls(proposal_id, comment_id) = 1`).execute();
  await db.schema.alterTable('content_reports').addUniqueConstraint('content_reports_proposal_once_per_person', ['proposal_id', 'reporter_id']).execute();
  await db.schema.createIndex('content_reports_open_idx').on('content_reports').columns(['commune_id', 'created_at']).where(sql.ref('resolved_at'), 'is', null).execute();

  // One appeal per hidden item, decided by someone who is recorded (restore or uphold, with a reason).
  await db.schema
    .createTable('moderation_appeals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('proposal_id', 'uuid', (c) => c.references('proposals.id').onDelete('cascade'))
    .addColumn('comment_id', 'uuid', (c) => c.references('proposal_comments.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('restored', 'upheld')`))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint('moderation_appeals_one_item', sql`num_nonnulls(proposal_id, comment_id) = 1`)
    .addUniqueConstraint('moderation_appeals_once_per_proposal', ['proposal_id'])
    .addUniqueConstraint('moderation_appeals_once_per_comment', ['comment_id'])
    .execute();
  await db.schema.createIndex('moderation_appeals_open_idx').on('moderation_appeals').columns(['commune_id', 'created_at']).where(sql.ref('decided_at'), 'is', null).execute();

  await sql`alter table participation_notifications drop constraint if exists participation_notifications_kind_check`.execute(db);
  await sql`alter table participation_notifications add constraint participation_notifications_kind_check check (kind in ('proposal_answered', 'comment_reply', 'proposal_merged', 'appeal_decided'))`.execute(db);
  await db.schema.alterTable('participation_notifications').addColumn('appeal_id', 'uuid', (c) => c.references('moderation_appeals.id').onDelete('cascade')).execute();

  await sql`alter table consultations drop constraint if exists consultations_status_check`.execute(db);
  await sql`alter table consultations add constraint consultations_status_check check (status in ('draft', 'published', 'closed', 'archived'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table consultations drop constraint if exists consultations_status_check`.execute(db);
  await sql`update consultations set status = 'closed' where status = 'archived'`.execute(db);
  await sql`alter table consultations add constraint consultations_status_check check (status in ('draft', 'published', 'closed'))`.execute(db);
  await db.schema.alterTable('participation_notifications').dropColumn('appeal_id').execute();
  await sql`delete from participation_notifications where kind = 'appeal_decided'`.execute(db);
  await sql`alter table participation_notifications drop constraint if exists participation_notifications_kind_check`.execute(db);
  await sql`alter table participation_notifications add constraint participation_notifications_kind_check check (kind in ('proposal_answered', 'comment_reply', 'proposal_merged'))`.execute(db);
  await db.schema.dropTable('moderation_appeals').ifExists().execute();
  await sql`delete from content_reports where comment_id is null`.execute(db);
  await db.schema.alterTable('content_reports').dropConstraint('content_reports_one_item').execute();
  await db.schema.alterTable('content_reports').dropColumn('proposal_id').execute();
  await db.schema.alterTable('content_reports').alterColumn('comment_id', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('proposals').dropColumn('hidden_at').dropColumn('hidden_reason').dropColumn('hidden_by').execute();
}
