import { audit, guard } from '../admin/staff-guard.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { isoDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { findConsultation, isUuid, scoped } from '../queries/participation-queries.js';
import { questionValues, readQuestionForm } from './question-form.js';
import { addQuestion, deleteQuestion, moveQuestion, saveSurvey, SurveyEditRefused, updateQuestion } from './survey-commands.js';
import { toCsv } from '../../../platform/http/csv.js';
import { anonymisedResponses, questionsOf, surveyContext, surveyOfPhase } from './survey-queries.js';
import { QuestionEditPage, SurveyAdminPage, surveyAdminPath } from './survey-admin-views.js';
import { plainText } from './survey-views.js';
import type { QuestionWithOptions } from './survey-tables.js';

const staff = { config: { access: staffOnly } };
type Values = Record<string, string>;
type PhaseParams = { Params: { id: string; phaseId: string } };
type IdParams = { Params: { id: string } };


const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Values;
const emptyQuestionForm = (): FormState => ({ values: { kind: 'single_choice', scale_min: '1', scale_max: '5' }, errors: {} });

function introOf(values: Values, commune: Commune): LocalizedText {
  return Object.fromEntries(commune.enabled_locales.map((l) => [l, (values[`intro_${l}`] ?? '').trim().slice(0, 4000)]).filter(([, v]) => v));
}

/** A phase of one of this commune's consultations (drafts included: staff prepare surveys before publishing). */
async function findPhase(request: FastifyRequest, consultationId: string, phaseId: string) {
  const { db } = request.server.platform;
  const consultation = await findConsultation(db, request.commune!.id, consultationId, { includeDrafts: true });
  const phase = consultation && isUuid(phaseId) ? await scoped(db, request.commune!.id).selectFrom('consultation_phases').selectAll().where('id', '=', phaseId).where('consultation_id', '=', consultation.id).executeTakeFirst() : undefined;
  if (!consultation || !phase) throw new AppError('NOT_FOUND');
  return { consultation, phase };
}

/** A question of this commune with the survey, phase and consultation it belongs to. */
async function findQuestion(request: FastifyRequest, questionId: string) {
  const { db } = request.server.platform;
  const row = isUuid(questionId)
    ? await scoped(db, request.commune!.id).selectFrom('survey_questions').innerJoin('surveys', 'surveys.id', 'survey_questions.survey_id').select(['survey_questions.survey_id', 'surveys.consultation_id', 'surveys.phase_id']).where('survey_questions.id', '=', questionId).executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const questions = await questionsOf(db, request.commune!.id, row.survey_id);
  return { ...row, questions, question: questions.find((q) => q.id === questionId)! };
}

interface AdminForms {
  introForm?: FormState;
  questionForm?: FormState;
  refusal?: string | null;
}

async function showSurveyAdmin(request: FastifyRequest, reply: FastifyReply, consultationId: string, phaseId: string, forms: AdminForms = {}, status = 200) {
  const commune = guard(request);
  const { db } = request.server.platform;
  const { consultation, phase } = await findPhase(request, consultationId, phaseId);
  const survey = await surveyOfPhase(db, commune.id, phase.id);
  const questions = survey ? await questionsOf(db, commune.id, survey.id) : [];
  const responses = survey ? await scoped(db, commune.id).selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', survey.id).executeTakeFirstOrThrow() : { n: 0 };
  const introValues = Object.fromEntries(Object.entries(survey?.intro ?? {}).map(([l, v]) => [`intro_${l}`, v ?? '']));
  const props = { consultation, phase, survey, questions, responses: Number(responses.n), introForm: forms.introForm ?? { values: introValues, errors: {} }, questionForm: forms.questionForm ?? emptyQuestionForm(), refusal: forms.refusal ?? null };
  return sendPage(request, reply, (ctx) => <SurveyAdminPage ctx={ctx} props={props} />, status);
}

function showQuestionEdit(request: FastifyRequest, reply: FastifyReply, found: Awaited<ReturnType<typeof findQuestion>>, form: FormState, status = 200) {
  const props = { consultationId: found.consultation_id, phaseId: found.phase_id, question: found.question, questions: found.questions, form };
  return sendPage(request, reply, (ctx) => <QuestionEditPage ctx={ctx} props={props} />, status);
}

/** The anonymised CSV: a number in hashed order, channel, day only, then one column per question. */
function responsesCsv(request: FastifyRequest, questions: QuestionWithOptions[], responses: Awaited<ReturnType<typeof anonymisedResponses>>): string {
  const commune = request.commune!;
  const text = (value: LocalizedText) => plainText({ locale: request.locale, commune }, value);
  const labels = new Map(questions.flatMap((q) => q.options.map((o) => [o.id, text(o.label)] as const)));
  const header = [request.t('participation.survey.csv_response'), request.t('participation.survey.csv_channel'), request.t('participation.survey.csv_date'), ...questions.map((q, i) => `${i + 1}. ${text(q.prompt)}`)];
  const cell = (answers: (typeof responses)[number]['answers'], question: QuestionWithOptions) => {
    const mine = answers.filter((a) => a.question_id === question.id);
    if (question.kind === 'scale') return mine[0]?.number_value ?? '';
    if (question.kind === 'short_text' || question.kind === 'long_text') return mine[0]?.text_value ?? '';
    return mine.map((a) => labels.get(a.option_id ?? '') ?? '').join('; ');
  };
  return toCsv([header, ...responses.map((r) => [r.number, r.channel, isoDate(r.created_at, commune.time_zone), ...questions.map((q) => cell(r.answers, q))])], { bom: true });
}

/** Survey back-office under /<commune>/admin/: create a phase's survey, edit its questions, export the answers. */
export async function registerSurveyAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  const surveyPath = '/consultations/:id/phases/:phaseId/survey';

  app.get<PhaseParams>(surveyPath, staff, async (request, reply) => showSurveyAdmin(request, reply, request.params.id, request.params.phaseId));

  app.post<PhaseParams>(surveyPath, staff, async (request, reply) => {
    const commune = guard(request);
    const { phase } = await findPhase(request, request.params.id, request.params.phaseId);
    const survey = await saveSurvey(db, commune.id, phase, introOf(bodyOf(request), commune));
    await audit(request, 'survey.saved', 'survey', survey.id);
    return redirectWithFlash(reply, surveyAdminPath(commune.slug, { consultation_id: phase.consultation_id, phase_id: phase.id }), 'participation.survey.saved');
  });

  app.post<IdParams>('/surveys/:id/questions', staff, async (request, reply) => {
    const commune = guard(request);
    const survey = isUuid(request.params.id) ? await scoped(db, commune.id).selectFrom('surveys').selectAll().where('id', '=', request.params.id).executeTakeFirst() : undefined;
    if (!survey) throw new AppError('NOT_FOUND');
    const values = bodyOf(request);
    const { draft, errors } = readQuestionForm(values, commune, await questionsOf(db, commune.id, survey.id), null);
    if (!draft) return showSurveyAdmin(request, reply, survey.consultation_id, survey.phase_id, { questionForm: { values, errors } }, 422);
    const question = await addQuestion(db, commune.id, survey.id, draft);
    await audit(request, 'survey.question_added', 'survey_question', question.id);
    return redirectWithFlash(reply, surveyAdminPath(commune.slug, survey), 'participation.survey.saved');
  });

  app.get<IdParams>('/survey-questions/:id', staff, async (request, reply) => {
    const commune = guard(request);
    const found = await findQuestion(request, request.params.id);
    return showQuestionEdit(request, reply, found, { values: questionValues(found.question, commune), errors: {} });
  });

  app.post<IdParams>('/survey-questions/:id', staff, async (request, reply) => {
    const commune = guard(request);
    const found = await findQuestion(request, request.params.id);
    const values = bodyOf(request);
    const { draft, errors } = readQuestionForm(values, commune, found.questions, found.question.position);
    if (!draft) return showQuestionEdit(request, reply, found, { values, errors }, 422);
    try {
      await updateQuestion(db, commune.id, found.question, draft, commune.default_locale);
    } catch (error) {
      if (error instanceof SurveyEditRefused) return showQuestionEdit(request, reply, found, { values, errors: { [error.field]: error.messageKey } }, 409);
      throw error;
    }
    await audit(request, 'survey.question_updated', 'survey_question', found.question.id);
    return redirectWithFlash(reply, surveyAdminPath(commune.slug, found), 'participation.survey.saved');
  });

  for (const action of ['move', 'delete'] as const) {
    app.post<IdParams>(`/survey-questions/:id/${action}`, staff, async (request, reply) => {
      const commune = guard(request);
      const found = await findQuestion(request, request.params.id);
      try {
        if (action === 'move') await moveQuestion(db, commune.id, found.question, bodyOf(request).direction === 'up' ? 'up' : 'down');
        else await deleteQuestion(db, commune.id, found.question.id);
      } catch (error) {
        if (error instanceof SurveyEditRefused) return showSurveyAdmin(request, reply, found.consultation_id, found.phase_id, { refusal: error.messageKey }, 409);
        throw error;
      }
      await audit(request, action === 'move' ? 'survey.question_moved' : 'survey.question_deleted', 'survey_question', found.question.id);
      return redirectWithFlash(reply, surveyAdminPath(commune.slug, found), 'participation.survey.saved');
    });
  }

  app.get<IdParams & { Querystring: { phase?: string } }>('/consultations/:id/survey.csv', staff, async (request, reply) => {
    const commune = guard(request);
    const context = await surveyContext(db, commune, request.params.id, request.query.phase);
    if (!context) throw new AppError('NOT_FOUND');
    const csv = responsesCsv(request, context.questions, await anonymisedResponses(db, commune.id, context.survey.id));
    await audit(request, 'survey.exported', 'survey', context.survey.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="survey-${context.survey.id}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
