import { type Kysely, sql } from 'kysely';
import type { FigureWindow, Share } from '../../platform/db/figures.js';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import { scoped } from './queries/participation-queries.js';

/** How many people of known gender / known age band took part, and how many of them were women / young. */
export interface ParticipantProfile {
  women: number;
  genderKnown: number;
  youth: number;
  ageKnown: number;
}

/** A commune has this many days to answer a proposal before it counts as unanswered. */
export const proposalAnswerDays = 60;
/** How far back before the window proposals are still awaited: a year, so late answers keep counting. */
export const proposalLookbackMonths = 12;

/**
 * Proposals filed from twelve months before the window starts until 60 days before it ends (so each had 60 days
 * to be answered), and how many have the commune's official answer given before the window ends. Hidden
 * proposals and duplicates merged into another are left out.
 */
export async function proposalsAnswered(db: Kysely<PlatformTables>, communeId: string, window: FigureWindow): Promise<Share> {
  const since = new Date(window.from);
  since.setUTCMonth(since.getUTCMonth() - proposalLookbackMonths);
  const until = new Date(window.to.getTime() - proposalAnswerDays * 86_400_000);
  const row = await scoped(db, communeId)
    .selectFrom('proposals')
    .select([sql<string>`count(*)`.as('filed'), sql<string>`count(*) filter (where answer is not null and answered_at < ${window.to})`.as('answered')])
    .where('hidden_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .executeTakeFirstOrThrow();
  return { numerator: Number(row.answered), denominator: Number(row.filed) };
}

/**
 * Who took part in the window, by gender and age band as they (or their mediator) gave it: each person who filed
 * a proposal or answered a survey counts once, plus the women, men and young people counted at consultation
 * meetings. People who gave no gender (or age band) are left out of that share; phone numbers without an account
 * give neither.
 */
export async function participantProfile(db: Kysely<PlatformTables>, communeId: string, window: FigureWindow, youthBands: readonly string[]): Promise<ParticipantProfile> {
  const inWindow = (table: string) => sql`${sql.ref(`${table}.commune_id`)} = ${communeId} and ${sql.ref(`${table}.created_at`)} >= ${window.from} and ${sql.ref(`${table}.created_at`)} < ${window.to}`;
  const youth = sql.join(youthBands.length > 0 ? youthBands.map((band) => sql`${band}`) : [sql`null`]);
  const people = await sql<{ women: string; gender_known: string; youth: string; age_known: string }>`
    with people as (
      select 'a:' || ap.id as person, ap.gender, ap.age_band from proposals p join assisted_participants ap on ap.id = p.on_behalf_of where ${inWindow('p')}
      union select 'u:' || u.id, u.gender, u.age_band from proposals p join users u on u.id = p.author_id where p.on_behalf_of is null and ${inWindow('p')}
      union select 'a:' || ap.id, ap.gender, ap.age_band from survey_responses r join assisted_participants ap on ap.id = r.on_behalf_of where ${inWindow('r')}
      union select 'u:' || u.id, u.gender, u.age_band from survey_responses r join users u on u.id = r.respondent_id where r.on_behalf_of is null and ${inWindow('r')}
    )
    select count(*) filter (where gender = 'female') as women,
           count(*) filter (where gender in ('female', 'male', 'other')) as gender_known,
           count(*) filter (where age_band in (${youth})) as youth,
           count(*) filter (where age_band is not null and age_band <> 'unknown') as age_known
    from people`.execute(db);
  const meetings = await scoped(db, communeId)
    .selectFrom('consultation_meetings')
    .select([
      sql<string>`coalesce(sum(attendance_women) filter (where attendance_women is not null and attendance_men is not null), 0)`.as('women'),
      sql<string>`coalesce(sum(attendance_women + attendance_men), 0)`.as('gender_known'),
      sql<string>`coalesce(sum(attendance_youth) filter (where attendance_women is not null and attendance_men is not null), 0)`.as('youth'),
      sql<string>`coalesce(sum(attendance_women + attendance_men) filter (where attendance_youth is not null), 0)`.as('age_known'),
    ])
    .where('starts_at', '>=', window.from)
    .where('starts_at', '<', window.to)
    .executeTakeFirstOrThrow();
  const found = people.rows[0]!;
  return {
    women: Number(found.women) + Number(meetings.women),
    genderKnown: Number(found.gender_known) + Number(meetings.gender_known),
    youth: Number(found.youth) + Number(meetings.youth),
    ageKnown: Number(found.age_known) + Number(meetings.age_known),
  };
}
