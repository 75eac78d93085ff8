import { type Kysely, sql } from 'kysely';

// Frozen in time. Two costs of the consultation page that grew with its size:
// - participation figures counted consultation_participants rows on every view: counters are now kept by
//   triggers, and participants are everyone who proposed, supported or commented, with the gender and age
//   band they gave at the time;
// - the random order hashed every proposal on every view: each proposal now draws a random rank once, and a
//   visitor's seed picks where in that order the list starts (two index range scans, no sort).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table consultation_participants add column age_band text`.execute(db);
  await sql`
    update consultation_participants cp set age_band = u.age_band
    from users u where u.id = cp.participant_id`.execute(db);
  await sql`
    create table consultation_figures (
      commune_id uuid not null references communes(id) on delete cascade,
      consultation_id uuid not null references consultations(id) on delete cascade,
      dimension text not null check (dimension in ('participants', 'gender', 'age_band', 'comments')),
      key text not null default '',
      n integer not null default 0,
      primary key (consultation_id, dimension, key))`.execute(db);

  await sql`
    create function consultation_figure_add(commune uuid, consultation uuid, dim text, k text, delta integer) returns void language sql as $$
      insert into consultation_figures (commune_id, consultation_id, dimension, key, n) values (commune, consultation, dim, k, delta)
      on conflict (consultation_id, dimension, key) do update set n = consultation_figures.n + delta
    $$`.execute(db);
  await sql`
    create function consultation_participant_counted() returns trigger language plpgsql as $$
    begin
      perform consultation_figure_add(new.commune_id, new.consultation_id, 'participants', '', 1);
      perform consultation_figure_add(new.commune_id, new.consultation_id, 'gender', coalesce(new.gender, 'unknown'), 1);
      perform consultation_figure_add(new.commune_id, new.consultation_id, 'age_band', coalesce(new.age_band, 'unknown'), 1);
      return null;
    end;
    $$`.execute(db);
  await sql`create trigger consultation_participants_figures after insert on consultation_participants for each row execute function consultation_participant_counted()`.execute(db);

  // Authors: the proposal trigger now records the age band too (assisted participants give neither).
  await sql`
    create or replace function consultation_figures() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into consultation_channel_counts (commune_id, consultation_id, channel, proposals)
          values (new.commune_id, new.consultation_id, new.channel, 1)
          on conflict (consultation_id, channel) do update set proposals = consultation_channel_counts.proposals + 1;
        insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
          select new.commune_id, new.consultation_id, coalesce(new.on_behalf_of, new.author_id), u.gender, u.age_band
          from (select 1) one left join users u on u.id = new.author_id and new.on_behalf_of is null
          on conflict do nothing;
      else
        update consultation_channel_counts set proposals = proposals - 1 where consultation_id = old.consultation_id and channel = old.channel;
      end if;
      return null;
    end;
    $$`.execute(db);
  await sql`
    create function consultation_contributor(proposal uuid, contributor uuid) returns void language sql as $$
      insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
      select p.commune_id, p.consultation_id, contributor, u.gender, u.age_band
      from proposals p left join users u on u.id = contributor where p.id = proposal
      on conflict do nothing
    $$`.execute(db);
  await sql`
    create function proposal_support_participant() returns trigger language plpgsql as $$
    begin
      perform consultation_contributor(new.proposal_id, new.user_id);
      return null;
    end;
    $$`.execute(db);
  await sql`create trigger proposal_supports_participant after insert on proposal_supports for each row execute function proposal_support_participant()`.execute(db);
  await sql`
    create function proposal_comment_figures() returns trigger language plpgsql as $$
    begin
      perform consultation_contributor(new.proposal_id, new.author_id);
      perform consultation_figure_add(p.commune_id, p.consultation_id, 'comments', '', 1) from proposals p where p.id = new.proposal_id;
      return null;
    end;
    $$`.execute(db);
  await sql`create trigger proposal_comments_figures after insert on proposal_comments for each row execute function proposal_comment_figures()`.execute(db);

  // Existing rows: supporters and commenters join the participants (the trigger counts them), then the authors
  // already there are counted, then the comments.
  await sql`
    insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
    select distinct p.commune_id, p.consultation_id, s.user_id, u.gender, u.age_band
    from proposal_supports s join proposals p on p.id = s.proposal_id join users u on u.id = s.user_id
    on conflict do nothing`.execute(db);
  await sql`
    insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
    select distinct p.commune_id, p.consultation_id, c.author_id, u.gender, u.age_band
    from proposal_comments c join proposals p on p.id = c.proposal_id join users u on u.id = c.author_id
    on conflict do nothing`.execute(db);
  await sql`truncate consultation_figures`.execute(db);
  await sql`
    insert into consultation_figures (commune_id, consultation_id, dimension, key, n)
    select commune_id, consultation_id, 'participants', '', count(*) from consultation_participants group by commune_id, consultation_id
    union all
    select commune_id, consultation_id, 'gender', coalesce(gender, 'unknown'), count(*) from consultation_participants group by 1, 2, 4
    union all
    select commune_id, consultation_id, 'age_band', coalesce(age_band, 'unknown'), count(*) from consultation_participants group by 1, 2, 4
    union all
    select p.commune_id, p.consultation_id, 'comments', '', count(*) from proposal_comments c join proposals p on p.id = c.proposal_id group by 1, 2`.execute(db);

  // A volatile default draws a different value for every existing row too.
  await sql`alter table proposals add column random_rank integer not null default floor(random() * 2147483647)::integer`.execute(db);
  await sql`create index proposals_by_random_idx on proposals (consultation_id, random_rank, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists proposals_by_random_idx`.execute(db);
  await sql`alter table proposals drop column if exists random_rank`.execute(db);
  await sql`drop trigger if exists proposal_comments_figures on proposal_comments`.execute(db);
  await sql`drop trigger if exists proposal_supports_participant on proposal_supports`.execute(db);
  await sql`drop trigger if exists consultation_participants_figures on consultation_participants`.execute(db);
  await sql`drop function if exists proposal_comment_figures()`.execute(db);
  await sql`drop function if exists proposal_support_participant()`.execute(db);
  await sql`drop function if exists consultation_contributor(uuid, uuid)`.execute(db);
  await sql`drop function if exists consultation_participant_counted()`.execute(db);
  await sql`drop function if exists consultation_figure_add(uuid, uuid, text, text, integer)`.execute(db);
  await sql`drop table if exists consultation_figures`.execute(db);
  await sql`alter table consultation_participants drop column if exists age_band`.execute(db);
}
