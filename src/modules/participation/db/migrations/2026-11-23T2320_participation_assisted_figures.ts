import { type Kysely, sql } from 'kysely';

// Frozen in time. A proposal a mediator entered for an assisted participant counts that participant with
// the gender and age band they gave (assisted_participants gained both), not as "not given"; the rules of
// 2000_participation_proposal_details (merged duplicates, meeting proposals) are kept.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function consultation_figures() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.merged_into_id is null then
          insert into consultation_channel_counts (commune_id, consultation_id, channel, proposals)
            values (new.commune_id, new.consultation_id, new.channel, 1)
            on conflict (consultation_id, channel) do update set proposals = consultation_channel_counts.proposals + 1;
        end if;
        -- A meeting's proposal is written down by staff: the speaker is counted in the meeting's attendance, not here.
        if new.channel = 'meeting' then
          null;
        elsif new.on_behalf_of is null then
          insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
            select new.commune_id, new.consultation_id, new.author_id, u.gender, u.age_band from users u where u.id = new.author_id
            on conflict do nothing;
        else
          insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
            select new.commune_id, new.consultation_id, new.on_behalf_of, a.gender, a.age_band from assisted_participants a where a.id = new.on_behalf_of
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
}

export async function down(): Promise<void> {
  // The previous function body stays valid; nothing to undo in the schema.
}
