import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { hasRole } from '../../../platform/permissions/actor.js';
import { assistedParticipants, isUuid } from '../queries/participation-queries.js';
import { readAnswers } from './survey-answers.js';
import { storeResponse } from './survey-commands.js';
import { hasAnswered, surveyContext, type SurveyContext, surveyResults } from './survey-queries.js';
import { SurveyPage, SurveyResultsPage } from './survey-views.js';

type IdParams = { Params: { id: string }; Querystring: { phase?: string } };
const pub = { config: { access: 'public' as const } };
// Answers are limited per person as well as per address, so one account cannot flood a survey.
const signedIn = { config: { access: 'signed-in' as const, policy: 'open-participation' as const, rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip } } };

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

const isMediator = (request: FastifyRequest) => request.actor.isPlatformAdmin || hasRole(request.actor, request.commune!.id, 'mediator', 'admin');
const isSurveyStaff = (request: FastifyRequest) => request.actor.isPlatformAdmin || hasRole(request.actor, request.commune!.id, 'staff', 'admin');

async function loadSurvey(request: FastifyRequest<IdParams>): Promise<SurveyContext> {
  const context = await surveyContext(request.server.platform.db, communeOf(request), request.params.id, request.query.phase);
  if (!context) throw new AppError('NOT_FOUND');
  return context;
}

/** The assisted participant a mediator names, checked to belong to this commune; null when answering for oneself. */
async function answeringFor(request: FastifyRequest, participantId: string | undefined): Promise<string | null> {
  if (!participantId) return null;
  if (!isMediator(request)) throw new AppError('FORBIDDEN', 'only mediators answer for assisted participants');
  const participants = isUuid(participantId) ? await assistedParticipants(request.server.platform.db, request.commune!.id) : [];
  if (!participants.some((p) => p.id === participantId)) throw new AppError('NOT_FOUND');
  return participantId;
}

async function showSurvey(request: FastifyRequest, reply: FastifyReply, context: SurveyContext, form: FormState, status = 200) {
  const { db } = request.server.platform;
  const user = request.actor.user;
  const answered = user ? await hasAnswered(db, request.commune!.id, context.survey.id, user.id, user.phone_e164) : false;
  const participants = user && context.open && isMediator(request) ? await assistedParticipants(db, request.commune!.id) : [];
  return sendPage(request, reply, (ctx) => <SurveyPage ctx={ctx} props={{ ...context, form, answered, participants }} />, status);
}

/** Public survey pages under /<commune>/consultations/<id>/survey. */
export async function registerSurveyRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get<IdParams>('/consultations/:id/survey', pub, async (request, reply) => showSurvey(request, reply, await loadSurvey(request), { values: {}, errors: {} }));

  app.post<IdParams>('/consultations/:id/survey', signedIn, async (request, reply) => {
    const commune = communeOf(request);
    const context = await loadSurvey(request);
    const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([key, v]) => key !== '_csrf' && typeof v === 'string')) as Record<string, string>;
    if (!context.open) return showSurvey(request, reply, context, { values, errors: {} }, 409);
    const onBehalfOf = await answeringFor(request, values.on_behalf_of);
    const { rows, errors } = readAnswers(context.questions, values);
    if (Object.keys(errors).length > 0) return showSurvey(request, reply, context, { values, errors }, 422);
    const outcome = await storeResponse(db, commune.id, context.survey.id, { userId: request.actor.user!.id, onBehalfOf, phone: request.actor.user!.phone_e164 }, rows);
    // For oneself the page then says so; for an assisted participant the mediator sees it beside the name.
    if (outcome === 'already_answered') return showSurvey(request, reply, context, { values: {}, errors: onBehalfOf ? { on_behalf_of: 'participation.survey.already_answered' } : {} }, 409);
    if (onBehalfOf) {
      await recordAudit(db, { communeId: commune.id, actorUserId: request.actor.user!.id, onBehalfOf, action: 'survey.answered_for_participant', resourceType: 'survey', resourceId: context.survey.id, ip: request.ip });
    }
    return redirectWithFlash(reply, `/${commune.slug}/consultations/${context.consultation.id}/survey`, 'participation.survey.thanks');
  });

  app.get<IdParams>('/consultations/:id/survey/results', pub, async (request, reply) => {
    const context = await loadSurvey(request);
    const staff = isSurveyStaff(request);
    const visible = context.resultsPublic || staff;
    const results = visible ? await surveyResults(db, request.commune!.id, context.survey.id) : { respondents: 0, byQuestion: new Map() };
    const props = { ...context, visible, staffPreview: visible && !context.resultsPublic, ...results };
    return sendPage(request, reply, (ctx) => <SurveyResultsPage ctx={ctx} props={props} />);
  });
}
