import type { Insertable, Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Locale, LocalizedText } from '../../../platform/i18n/locales.js';
import type { Phase } from '../db/tables.js';
import { scoped } from '../queries/participation-queries.js';
import type { AnswerRow } from './survey-answers.js';
import { planOptions, type QuestionDraft } from './question-form.js';
import type { ParticipationSurveyTables, QuestionWithOptions } from './survey-tables.js';

type Db = Kysely<PlatformTables>;

/** A refusal the back-office shows beside the field concerned, with the form kept as typed. */
export class SurveyEditRefused extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

/** Creates the phase's survey, or updates its introduction; only phases that allow a survey hold one. */
export async function saveSurvey(db: Db, communeId: string, phase: Pick<Phase, 'id' | 'consultation_id' | 'allows_survey'>, intro: LocalizedText) {
  if (!phase.allows_survey) throw new AppError('CONFLICT', 'phase does not allow a survey');
  return scoped(db, communeId)
    .insertInto('surveys', { consultation_id: phase.consultation_id, phase_id: phase.id, intro: JSON.stringify(intro) })
    .onConflict((oc) => oc.constraint('surveys_one_per_phase').doUpdateSet({ intro: JSON.stringify(intro) }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Stores one response with its answers. The partial unique indexes decide who already answered (the account, or
 * its verified phone), so parallel submissions by one person store exactly one response; the others get
 * 'already_answered'.
 */
export async function storeResponse(db: Db, communeId: string, surveyId: string, respondent: { userId: string; onBehalfOf: string | null; phone?: string | null }, rows: AnswerRow[]): Promise<'stored' | 'already_answered'> {
  // One's own answer keeps one's verified phone: that phone then cannot answer again by USSD, nor the other way round.
  const phone = respondent.onBehalfOf ? null : (respondent.phone ?? null);
  return insertResponse(db, communeId, { survey_id: surveyId, respondent_id: respondent.userId, on_behalf_of: respondent.onBehalfOf, respondent_phone: phone, channel: respondent.onBehalfOf ? 'mediator' : 'web' }, rows);
}

/** The response and its answers in one transaction; the unique indexes (one per person, one per phone) decide. */
export async function insertResponse(db: Db, communeId: string, response: Omit<Insertable<ParticipationSurveyTables['survey_responses']>, 'commune_id'>, rows: AnswerRow[]): Promise<'stored' | 'already_answered'> {
  return db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    const stored = await inCommune.insertInto('survey_responses', response).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!stored) return 'already_answered';
    if (rows.length > 0) await inCommune.insertInto('survey_answers', rows.map((row) => ({ ...row, response_id: stored.id }))).execute();
    return 'stored';
  });
}

const questionColumns = (draft: QuestionDraft) => ({
  kind: draft.kind,
  prompt: JSON.stringify(draft.prompt),
  required: draft.required,
  scale_min: draft.scale_min,
  scale_max: draft.scale_max,
  scale_min_label: JSON.stringify(draft.scale_min_label),
  scale_max_label: JSON.stringify(draft.scale_max_label),
  condition_question_id: draft.condition?.questionId ?? null,
  condition_option_id: draft.condition?.optionId ?? null,
});

export async function addQuestion(db: Db, communeId: string, surveyId: string, draft: QuestionDraft) {
  return db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    const last = await inCommune.selectFrom('survey_questions').select((eb) => eb.fn.max('position').as('position')).where('survey_id', '=', surveyId).executeTakeFirst();
    const question = await inCommune
      .insertInto('survey_questions', { survey_id: surveyId, position: Number(last?.position ?? 0) + 1, ...questionColumns(draft) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (draft.options.length > 0) {
      await inCommune.insertInto('survey_options', draft.options.map((label, position) => ({ question_id: question.id, position, label: JSON.stringify(label) }))).execute();
    }
    return question;
  });
}

async function answeredOptions(trx: Transaction<PlatformTables>, communeId: string, questionId: string): Promise<{ any: boolean; options: Set<string> }> {
  const rows = await scoped(trx, communeId).selectFrom('survey_answers').select('option_id').distinct().where('question_id', '=', questionId).execute();
  return { any: rows.length > 0, options: new Set(rows.map((r) => r.option_id).filter((id): id is string => !!id)) };
}

async function optionsUsedAsCondition(trx: Transaction<PlatformTables>, communeId: string, optionIds: string[]): Promise<boolean> {
  if (optionIds.length === 0) return false;
  return !!(await scoped(trx, communeId).selectFrom('survey_questions').select('id').where('condition_option_id', 'in', optionIds).executeTakeFirst());
}

/**
 * Saves an edited question without losing answers: once answered, its kind and scale stay as they
 * are, and an option that has answers or serves as a condition cannot be removed. Rewording is free.
 */
export async function updateQuestion(db: Db, communeId: string, question: QuestionWithOptions, draft: QuestionDraft, mainLocale: Locale) {
  await db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    const answered = await answeredOptions(trx, communeId, question.id);
    const reshaped = draft.kind !== question.kind || draft.scale_min !== question.scale_min || draft.scale_max !== question.scale_max;
    if (answered.any && reshaped) throw new SurveyEditRefused('kind', 'participation.survey.locked_by_answers');
    const plan = planOptions(question.options, draft.options, mainLocale);
    if (plan.remove.some((id) => answered.options.has(id))) throw new SurveyEditRefused(`options_${mainLocale}`, 'participation.survey.option_has_answers');
    if (await optionsUsedAsCondition(trx, communeId, plan.remove)) throw new SurveyEditRefused(`options_${mainLocale}`, 'participation.survey.used_as_condition');
    await inCommune.updateTable('survey_questions').set(questionColumns(draft)).where('id', '=', question.id).execute();
    if (plan.remove.length > 0) await inCommune.deleteFrom('survey_options').where('id', 'in', plan.remove).execute();
    for (const option of plan.keep) {
      await inCommune.updateTable('survey_options').set({ label: JSON.stringify(option.label), position: option.position }).where('id', '=', option.id).execute();
    }
    if (plan.create.length > 0) {
      await inCommune.insertInto('survey_options', plan.create.map((o) => ({ question_id: question.id, position: o.position, label: JSON.stringify(o.label) }))).execute();
    }
  });
}

/** Deletes a question nobody answered and no other question depends on. */
export async function deleteQuestion(db: Db, communeId: string, questionId: string) {
  await db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    if ((await answeredOptions(trx, communeId, questionId)).any) throw new SurveyEditRefused('question', 'participation.survey.question_has_answers');
    const dependent = await inCommune.selectFrom('survey_questions').select('id').where('condition_question_id', '=', questionId).executeTakeFirst();
    if (dependent) throw new SurveyEditRefused('question', 'participation.survey.used_as_condition');
    await inCommune.deleteFrom('survey_questions').where('id', '=', questionId).execute();
  });
}

/** Swaps a question with its neighbour; a question never moves above the one its condition names. */
export async function moveQuestion(db: Db, communeId: string, question: { id: string; survey_id: string; position: number }, direction: 'up' | 'down') {
  await db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    const neighbour = await inCommune
      .selectFrom('survey_questions')
      .select(['id', 'position', 'condition_question_id'])
      .where('survey_id', '=', question.survey_id)
      .where('position', direction === 'up' ? '<' : '>', question.position)
      .orderBy('position', direction === 'up' ? 'desc' : 'asc')
      .executeTakeFirst();
    if (!neighbour) return;
    const moved = await inCommune.selectFrom('survey_questions').select('condition_question_id').where('id', '=', question.id).executeTakeFirstOrThrow();
    const [first, second] = direction === 'up' ? [{ id: question.id, ...moved }, neighbour] : [neighbour, { id: question.id }];
    if (first.condition_question_id === second.id) throw new SurveyEditRefused('question', 'participation.survey.move_breaks_condition');
    await inCommune.updateTable('survey_questions').set({ position: neighbour.position }).where('id', '=', question.id).execute();
    await inCommune.updateTable('survey_questions').set({ position: question.position }).where('id', '=', neighbour.id).execute();
  });
}
