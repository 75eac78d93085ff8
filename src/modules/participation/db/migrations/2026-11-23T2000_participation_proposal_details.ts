import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application. Categories, photo and place of a proposal, proposals
// recorded at a meeting, meeting photos, merged duplicates and what came of a proposal.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table consultations add column categories jsonb not null default '[]'::jsonb`.execute(db);
  await sql`
    alter table proposals
      add column category text,
      add column photo_file_id uuid references stored_files(id),
      add column place text,
      add column latitude double precision check (latitude between -90 and 90),
      add column longitude double precision check (longitude between -180 and 180),
      add column meeting_id uuid references consultation_meetings(id) on delete set null,
      add column merged_into_id uuid references proposals(id),
      add column outcome_label text,
      add column outcome_url text,
      add constraint proposals_coordinates_together check ((latitude is null) = (longitude is null)),
      add constraint proposals_not_merged_into_itself check (merged_into_id <> id)`.execute(db);
  // The category filter pages by keyset like the unfiltered list, so each sort gets its (consultation, category, key, id) index.
  await sql`create index proposals_by_category_date_idx on proposals (consultation_id, category, created_at desc, id)`.execute(db);
  await sql`create index proposals_by_category_supports_idx on proposals (consultation_id, category, support_count desc, id)`.execute(db);
  await sql`create index proposals_merged_into_idx on proposals (merged_into_id) where merged_into_id is not null`.execute(db);
  await sql`create index proposals_meeting_idx on proposals (meeting_id) where meeting_id is not null`.execute(db);

  await db.schema
    .createTable('consultation_meeting_photos')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('stored_files.id'))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('consultation_meeting_photos_meeting_idx').on('consultation_meeting_photos').columns(['meeting_id', 'created_at']).execute();

  await sql`alter table participation_notifications drop constraint participation_notifications_kind_check`.execute(db);
  await sql`alter table participation_notifications add constraint participation_notifications_kind_check check (kind in ('proposal_answered', 'comment_reply', 'proposal_merged'))`.execute(db);

  // Figures: a merged duplicate leaves the channel counts; a proposal recorded at a meeting counts for the
  // 'meeting' channel but does not make the recording staff member a participant (attendance counts them).
  await sql`
    create or replace function consultation_figures() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.merged_into_id is null then
          insert into consultation_channel_counts (commune_id, consultation_id, channel, proposals)
            values (new.commune_id, new.consultation_id, new.channel, 1)
            on conflict (consultation_id, channel) do update set proposals = consultation_channel_counts.proposals + 1;
        end if;
        if new.channel <> 'meeting' then
          insert into consultation_participants (commune_id, consultation_id, participant_id, gender)
            select new.commune_id, new.consultation_id, coalesce(new.on_behalf_of, new.author_id),
                   case when new.on_behalf_of is null then (select gender from users where id = new.author_id) end
            on conflict do nothing;
        end if;
      elsif tg_op = 'DELETE' then
        if old.merged_into_id is null then
          update consultation_channel_counts set proposals = proposals - 1 where consultation_id = old.consultation_id and channel = old.channel;
        end if;
      elsif old.merged_into_id is null and new.merged_into_id is not null then
        update consultation_channel_counts set proposals = proposals - 1 where consultation_id = old.consultation_id and channel = old.channel;
      end if;
      return null;
    end;
    $$`.execute(db);
  await sql`drop trigger proposals_figures on proposals`.execute(db);
  await sql`create trigger proposals_figures after insert or delete or update of merged_into_id on proposals for each row execute function consultation_figures()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists proposals_figures on proposals`.execute(db);
  await sql`
    create or replace function consultation_figures() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into consultation_channel_counts (commune_id, consultation_id, channel, proposals)
          values (new.commune_id, new.consultation_id, new.channel, 1)
          on conflict (consultation_id, channel) do update set proposals = consultation_channel_counts.proposals + 1;
        insert into consultation_participants (commune_id, consultation_id, participant_id, gender)
          select new.commune_id, new.consultation_id, coalesce(new.on_behalf_of, new.author_id),
                 case when new.on_behalf_of is null then (select gender from users where id = new.author_id) end
          on conflict do nothing;
      else
        update consultation_channel_counts set proposals = proposals - 1 where consultation_id = old.consultation_id and channel = old.channel;
      end if;
      return null;
    end;
    $$`.execute(db);
  await sql`create trigger proposals_figures after insert or delete on proposals for each row execute function consultation_figures()`.execute(db);
  await sql`alter table participation_notifications drop constraint participation_notifications_kind_check`.execute(db);
  await sql`delete from participation_notifications where kind = 'proposal_merged'`.execute(db);
  await sql`alter table participation_notifications add constraint participation_notifications_kind_check check (kind in ('proposal_answered', 'comment_reply'))`.execute(db);
  await db.schema.dropTable('consultation_meeting_photos').ifExists().execute();
  for (const column of ['category', 'photo_file_id', 'place', 'latitude', 'longitude', 'meeting_id', 'merged_into_id', 'outcome_label', 'outcome_url']) {
    await db.schema.alterTable('proposals').dropColumn(column).execute();
  }
  await db.schema.alterTable('consultations').dropColumn('categories').execute();
}
