import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type Locale, type LocalizedText, pickLocalized } from '../../../platform/i18n/locales.js';
import { isUuid, listPublicConsultations, scoped } from '../queries/participation-queries.js';
import { questionField, readAnswers } from './survey-answers.js';
import { insertResponse } from './survey-commands.js';
import { surveyContext, type SurveyContext } from './survey-queries.js';
import type { QuestionWithOptions, SurveyChannel } from './survey-tables.js';

type Db = Kysely<PlatformTables>;
type CommuneRef = { id: string; time_zone: string };

/** A question as a phone asks it: numbered choices, or a number typed in a range. */
export interface PhoneQuestion {
  id: string;
  kind: 'choice' | 'scale';
  prompt: string;
  required: boolean;
  options: { id: string; label: string }[];
  min: number;
  max: number;
  /** Asked only when that earlier question was answered with that option. */
  condition: { questionId: string; optionId: string } | null;
}

export interface PhoneSurvey {
  id: string;
  title: string;
  questions: PhoneQuestion[];
}

export type PhoneAnswer = { questionId: string; optionId: string } | { questionId: string; value: number };
export type PhoneSurveyOutcome = 'stored' | 'already_answered' | 'closed' | 'invalid';

const phoneKinds = new Set(['single_choice', 'scale']);
const text = (value: LocalizedText, locale: Locale) => pickLocalized(value, locale)?.value ?? '';

/**
 * A survey can be answered on a phone when every required question is a single choice or a scale, and at least
 * one question is: free text and multiple choice do not fit a keypad, so optional ones are left out on the phone.
 */
export function phoneAnswerable(questions: QuestionWithOptions[]): boolean {
  return questions.some((q) => phoneKinds.has(q.kind)) && questions.every((q) => phoneKinds.has(q.kind) || !q.required);
}

function phoneQuestion(question: QuestionWithOptions, locale: Locale): PhoneQuestion {
  return {
    id: question.id,
    kind: question.kind === 'scale' ? 'scale' : 'choice',
    prompt: text(question.prompt, locale),
    required: question.required,
    options: question.options.map((o) => ({ id: o.id, label: text(o.label, locale) })),
    min: question.scale_min ?? 0,
    max: question.scale_max ?? 0,
    condition: question.condition_question_id && question.condition_option_id ? { questionId: question.condition_question_id, optionId: question.condition_option_id } : null,
  };
}

const asPhoneSurvey = (context: SurveyContext, locale: Locale): PhoneSurvey => ({
  id: context.survey.id,
  title: text(context.consultation.title, locale),
  questions: context.questions.filter((q) => phoneKinds.has(q.kind)).map((q) => phoneQuestion(q, locale)),
});

/** The commune's surveys taking answers today that a phone can answer, in the caller's language. */
export async function phoneSurveys(db: Db, commune: CommuneRef, locale: Locale): Promise<PhoneSurvey[]> {
  const consultations = await listPublicConsultations(db, commune.id);
  const contexts = await Promise.all(consultations.filter((c) => c.status === 'published').map((c) => surveyContext(db, commune, c.id)));
  return contexts.filter((c): c is SurveyContext => !!c && c.open && phoneAnswerable(c.questions)).map((c) => asPhoneSurvey(c, locale));
}

/** Whether this phone, or the account that verified it, already answered the survey. */
export async function phoneHasAnswered(db: Db, communeId: string, surveyId: string, phone: string): Promise<boolean> {
  if (!isUuid(surveyId)) return false;
  const account = await db.selectFrom('users').select('id').where('phone_e164', '=', phone).executeTakeFirst();
  const row = await scoped(db, communeId)
    .selectFrom('survey_responses')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('on_behalf_of', 'is', null)
    .where((eb) => eb.or([eb('respondent_phone', '=', phone), ...(account ? [eb('respondent_id', '=', account.id)] : [])]))
    .executeTakeFirst();
  return !!row;
}

async function contextOfSurvey(db: Db, commune: CommuneRef, surveyId: string): Promise<SurveyContext | null> {
  if (!isUuid(surveyId)) return null;
  const survey = await scoped(db, commune.id).selectFrom('surveys').select(['consultation_id', 'phase_id']).where('id', '=', surveyId).executeTakeFirst();
  return survey ? surveyContext(db, commune, survey.consultation_id, survey.phase_id) : null;
}

/**
 * Stores a phone's answers as one response, after the same checks as the web form (open survey, options of the
 * question, scale range, conditions, required questions). The phone is kept with the response and the account
 * that verified it, when there is one, is the respondent: the unique indexes refuse a second response by either.
 */
export async function answerSurveyFromPhone(db: Db, commune: CommuneRef, input: { surveyId: string; phone: string; channel: Exclude<SurveyChannel, 'web' | 'mediator'>; answers: PhoneAnswer[] }): Promise<PhoneSurveyOutcome> {
  const context = await contextOfSurvey(db, commune, input.surveyId);
  if (!context || !context.open || !phoneAnswerable(context.questions)) return 'closed';
  const values = Object.fromEntries(input.answers.map((a) => [questionField({ id: a.questionId }), 'optionId' in a ? a.optionId : String(a.value)]));
  const { rows, errors } = readAnswers(context.questions, values);
  if (Object.keys(errors).length > 0) return 'invalid';
  if (await phoneHasAnswered(db, commune.id, input.surveyId, input.phone)) return 'already_answered';
  const account = await db.selectFrom('users').select('id').where('phone_e164', '=', input.phone).executeTakeFirst();
  return insertResponse(db, commune.id, { survey_id: input.surveyId, respondent_id: account?.id ?? null, respondent_phone: input.phone, on_behalf_of: null, channel: input.channel }, rows);
}

/** Survey responses per month (in the commune's time zone) and channel since a date, for the channels statistics. */
export async function surveyResponsesByChannel(db: Db, communeId: string, since: Date, timeZone: string): Promise<ChannelCount[]> {
  const month = sql<string>`to_char(created_at at time zone ${timeZone}, 'YYYY-MM')`;
  const rows = await scoped(db, communeId)
    .selectFrom('survey_responses')
    .select([month.as('month'), 'channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('created_at', '>=', since)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ month: r.month, channel: r.channel, count: Number(r.count) }));
}

/** Proposals per month and channel since a date. */
export async function proposalsByChannel(db: Db, communeId: string, since: Date, timeZone: string): Promise<ChannelCount[]> {
  const month = sql<string>`to_char(created_at at time zone ${timeZone}, 'YYYY-MM')`;
  const rows = await scoped(db, communeId)
    .selectFrom('proposals')
    .select([month.as('month'), 'channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('created_at', '>=', since)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ month: r.month, channel: r.channel, count: Number(r.count) }));
}

export interface ChannelCount {
  month: string;
  channel: string;
  count: number;
}
