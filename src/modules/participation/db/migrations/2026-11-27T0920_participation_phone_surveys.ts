import { type Kysely, sql } from 'kysely';

// Frozen in time. Survey answers by phone (USSD, later SMS/WhatsApp): a response belongs to an account, or to a
// phone alone when no account verified that number. A phone counts as a person: one response per phone per survey,
// decided by the database so that parallel requests store one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table survey_responses alter column respondent_id drop not null`.execute(db);
  await sql`alter table survey_responses add column respondent_phone text`.execute(db);
  await sql`alter table survey_responses add constraint survey_responses_someone check (respondent_id is not null or respondent_phone is not null)`.execute(db);
  await sql`alter table survey_responses drop constraint if exists survey_responses_channel_check`.execute(db);
  await sql`alter table survey_responses add constraint survey_responses_channel_check check (channel in ('web', 'mediator', 'ussd', 'sms', 'whatsapp'))`.execute(db);
  await sql`create unique index survey_responses_one_per_phone on survey_responses (survey_id, respondent_phone) where respondent_phone is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists survey_responses_one_per_phone`.execute(db);
  await sql`delete from survey_responses where respondent_id is null`.execute(db);
  await sql`alter table survey_responses drop constraint if exists survey_responses_channel_check`.execute(db);
  await sql`update survey_responses set channel = 'web' where channel not in ('web', 'mediator')`.execute(db);
  await sql`alter table survey_responses add constraint survey_responses_channel_check check (channel in ('web', 'mediator'))`.execute(db);
  await sql`alter table survey_responses drop constraint if exists survey_responses_someone`.execute(db);
  await sql`alter table survey_responses drop column if exists respondent_phone`.execute(db);
  await sql`alter table survey_responses alter column respondent_id set not null`.execute(db);
}
