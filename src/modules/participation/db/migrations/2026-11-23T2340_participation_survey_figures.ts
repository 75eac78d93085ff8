import { type Kysely, sql } from 'kysely';

// Frozen in time. Answering a consultation's survey is taking part in it: respondents join the
// consultation's participants (once, with the gender and age band they or their mediator gave).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function survey_response_participant() returns trigger language plpgsql as $$
    begin
      if new.on_behalf_of is null then
        insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
          select s.commune_id, s.consultation_id, new.respondent_id, u.gender, u.age_band
          from surveys s join users u on u.id = new.respondent_id where s.id = new.survey_id
          on conflict do nothing;
      else
        insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
          select s.commune_id, s.consultation_id, new.on_behalf_of, a.gender, a.age_band
          from surveys s join assisted_participants a on a.id = new.on_behalf_of where s.id = new.survey_id
          on conflict do nothing;
      end if;
      return null;
    end;
    $$`.execute(db);
  await sql`create trigger survey_responses_participant after insert on survey_responses for each row execute function survey_response_participant()`.execute(db);
  await sql`
    insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
    select distinct s.commune_id, s.consultation_id, coalesce(r.on_behalf_of, r.respondent_id),
           coalesce(a.gender, case when r.on_behalf_of is null then u.gender end),
           coalesce(a.age_band, case when r.on_behalf_of is null then u.age_band end)
    from survey_responses r join surveys s on s.id = r.survey_id
    join users u on u.id = r.respondent_id left join assisted_participants a on a.id = r.on_behalf_of
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists survey_responses_participant on survey_responses`.execute(db);
  await sql`drop function if exists survey_response_participant()`.execute(db);
}
