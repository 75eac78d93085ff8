import { type Kysely, sql } from 'kysely';

// Frozen in time. The consultation page shows participation figures on every view; aggregating 100,000
// proposals each time is too slow, so triggers keep them: proposals per channel, and each participant once
// (the author, or the assisted participant a mediator acted for) with the gender they gave at the time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table consultation_channel_counts (
      commune_id uuid not null references communes(id) on delete cascade,
      consultation_id uuid not null references consultations(id) on delete cascade,
      channel text not null,
      proposals integer not null default 0,
      primary key (consultation_id, channel))`.execute(db);
  await sql`
    create table consultation_participants (
      commune_id uuid not null references communes(id) on delete cascade,
      consultation_id uuid not null references consultations(id) on delete cascade,
      participant_id uuid not null,
      gender text,
      primary key (consultation_id, participant_id))`.execute(db);
  await sql`
    create function consultation_figures() returns trigger language plpgsql as $$
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
  await sql`
    insert into consultation_channel_counts (commune_id, consultation_id, channel, proposals)
    select commune_id, consultation_id, channel, count(*) from proposals group by commune_id, consultation_id, channel`.execute(db);
  await sql`
    insert into consultation_participants (commune_id, consultation_id, participant_id, gender)
    select distinct on (p.consultation_id, coalesce(p.on_behalf_of, p.author_id)) p.commune_id, p.consultation_id,
           coalesce(p.on_behalf_of, p.author_id), case when p.on_behalf_of is null then u.gender end
    from proposals p join users u on u.id = p.author_id
    order by p.consultation_id, coalesce(p.on_behalf_of, p.author_id), p.created_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists proposals_figures on proposals`.execute(db);
  await sql`drop function if exists consultation_figures()`.execute(db);
  await sql`drop table if exists consultation_participants`.execute(db);
  await sql`drop table if exists consultation_channel_counts`.execute(db);
}
