import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Consultation, Phase } from '../db/tables.js';
import { activePhase, todayIn } from '../phases.js';
import { findConsultation, isUuid, phasesOf, scoped } from '../queries/participation-queries.js';
import { pickSurvey, resultsArePublic, surveyIsOpen } from './survey-rules.js';
import type { QuestionWithOptions, Survey } from './survey-tables.js';

type Db = Kysely<PlatformTables>;

export async function surveysOf(db: Db, communeId: string, consultationId: string): Promise<Survey[]> {
  return scoped(db, communeId).selectFrom('surveys').selectAll().where('consultation_id', '=', consultationId).orderBy('created_at').orderBy('id').execute();
}

export async function surveyOfPhase(db: Db, communeId: string, phaseId: string): Promise<Survey | undefined> {
  if (!isUuid(phaseId)) return undefined;
  return scoped(db, communeId).selectFrom('surveys').selectAll().where('phase_id', '=', phaseId).executeTakeFirst();
}

/** The questions of a survey in order, each with its options in order (two queries). */
export async function questionsOf(db: Db, communeId: string, surveyId: string): Promise<QuestionWithOptions[]> {
  const inCommune = scoped(db, communeId);
  const questions = await inCommune.selectFrom('survey_questions').selectAll().where('survey_id', '=', surveyId).orderBy('position').orderBy('id').execute();
  if (questions.length === 0) return [];
  const options = await inCommune.selectFrom('survey_options').selectAll().where('question_id', 'in', questions.map((q) => q.id)).orderBy('position').orderBy('id').execute();
  return questions.map((q) => ({ ...q, options: options.filter((o) => o.question_id === q.id) }));
}

export interface SurveyContext {
  consultation: Consultation;
  phases: Phase[];
  survey: Survey;
  phase: Phase;
  questions: QuestionWithOptions[];
  open: boolean;
  resultsPublic: boolean;
}

/** A published or closed consultation's current survey with its phase, whether it takes answers, and whether its results are public. */
export async function surveyContext(db: Db, commune: { id: string; time_zone: string }, consultationId: string, wantedPhaseId?: string): Promise<SurveyContext | null> {
  const consultation = await findConsultation(db, commune.id, consultationId);
  if (!consultation) return null;
  const phases = await phasesOf(db, commune.id, consultation.id);
  const active = consultation.status === 'published' ? activePhase(phases, todayIn(commune.time_zone), consultation.manual_phase_id) : null;
  const current = await surveyLinkFor(db, commune, consultation, phases, active, wantedPhaseId);
  if (!current) return null;
  return { consultation, phases, ...current, questions: await questionsOf(db, commune.id, current.survey.id) };
}

/** The consultation's current survey with its phase, whether it takes answers and whether its results are public. */
export async function surveyLinkFor(db: Db, commune: { id: string; time_zone: string }, consultation: Consultation, phases: Phase[], active: Phase | null, wantedPhaseId?: string) {
  return surveyLinkFrom(await surveysOf(db, commune.id, consultation.id), commune, consultation, phases, active, wantedPhaseId);
}

/** The same, from the consultation's surveys already loaded. */
export function surveyLinkFrom(surveys: Survey[], commune: { time_zone: string }, consultation: Consultation, phases: Phase[], active: Phase | null, wantedPhaseId?: string) {
  const today = todayIn(commune.time_zone);
  const survey = pickSurvey(surveys, phases, active, today, wantedPhaseId);
  const phase = survey && phases.find((p) => p.id === survey.phase_id);
  if (!survey || !phase) return null;
  return { survey, phase, open: surveyIsOpen(consultation, phase, active), resultsPublic: resultsArePublic(consultation, phase, active, today) };
}

/** What results are counted by for a question: its options, or each value of its scale. */
export function resultChoices(question: QuestionWithOptions): { key: string; option?: LocalizedText }[] {
  if (question.kind !== 'scale') return question.options.map((o) => ({ key: o.id, option: o.label }));
  const min = question.scale_min ?? 0;
  return Array.from({ length: (question.scale_max ?? min) - min + 1 }, (_, i) => ({ key: String(min + i) }));
}

/** Whether this person already answered for themselves: with their account, or by phone from their verified number. */
export async function hasAnswered(db: Db, communeId: string, surveyId: string, userId: string, phone: string | null = null): Promise<boolean> {
  const row = await scoped(db, communeId)
    .selectFrom('survey_responses')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('on_behalf_of', 'is', null)
    .where((eb) => eb.or([eb('respondent_id', '=', userId), ...(phone ? [eb('respondent_phone', '=', phone)] : [])]))
    .executeTakeFirst();
  return !!row;
}

export interface QuestionResult {
  /** People who answered this question. */
  answered: number;
  /** Per option id (choices) or per scale value: how many people chose it. */
  counts: Map<string, number>;
}

/** Aggregated answers of a survey: respondents, and per question who answered and how often each choice was made. */
export async function surveyResults(db: Db, communeId: string, surveyId: string): Promise<{ respondents: number; byQuestion: Map<string, QuestionResult> }> {
  const inCommune = scoped(db, communeId);
  const total = await inCommune.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
  const ofSurvey = () => inCommune.selectFrom('survey_answers').innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id').where('survey_responses.survey_id', '=', surveyId);
  const people = await ofSurvey().select(['survey_answers.question_id', sql<number>`count(distinct survey_answers.response_id)::int`.as('n')]).groupBy('survey_answers.question_id').execute();
  const choices = await ofSurvey()
    .select(['survey_answers.question_id', sql<string>`coalesce(survey_answers.option_id::text, survey_answers.number_value::text)`.as('choice'), sql<number>`count(*)::int`.as('n')])
    .where((eb) => eb.or([eb('survey_answers.option_id', 'is not', null), eb('survey_answers.number_value', 'is not', null)]))
    .groupBy(['survey_answers.question_id', 'survey_answers.option_id', 'survey_answers.number_value'])
    .execute();
  const byQuestion = new Map<string, QuestionResult>(people.map((row) => [row.question_id, { answered: Number(row.n), counts: new Map() }]));
  for (const row of choices) byQuestion.get(row.question_id)?.counts.set(row.choice, Number(row.n));
  return { respondents: Number(total.n), byQuestion };
}

/**
 * Responses of a survey without who gave them, in an order that says nothing about when: sorted by a
 * hash of the response id with the survey id, then numbered 1, 2, 3…
 */
export async function anonymisedResponses(db: Db, communeId: string, surveyId: string) {
  const inCommune = scoped(db, communeId);
  const responses = await inCommune
    .selectFrom('survey_responses')
    .select(['id', 'channel', 'created_at'])
    .where('survey_id', '=', surveyId)
    .orderBy(sql`md5(survey_responses.id::text || ${surveyId})`)
    .execute();
  const answers = responses.length === 0 ? [] : await inCommune
    .selectFrom('survey_answers')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .leftJoin('survey_options', 'survey_options.id', 'survey_answers.option_id')
    .select(['survey_answers.response_id', 'survey_answers.question_id', 'survey_answers.option_id', 'survey_answers.number_value', 'survey_answers.text_value', 'survey_options.position as option_position'])
    .where('survey_responses.survey_id', '=', surveyId)
    .orderBy('survey_options.position')
    .orderBy('survey_answers.id')
    .execute();
  const byResponse = new Map<string, typeof answers>();
  for (const answer of answers) byResponse.set(answer.response_id, [...(byResponse.get(answer.response_id) ?? []), answer]);
  return responses.map((response, index) => ({ number: index + 1, channel: response.channel, created_at: response.created_at, answers: byResponse.get(response.id) ?? [] }));
}
