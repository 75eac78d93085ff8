import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toCsv } from '../../../platform/http/csv.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { idempotent } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { callState } from '../calls/state.js';
import { authorizeOperator } from '../permissions.js';
import * as commands from './commands.js';
import { deliverQueued, sendDecisions } from './decisions.js';
import { assignSchema, criterionSchema, criterionValues, decisionSchema, moveSchema, scoringSchema, shortlistSchema, typedValues } from './forms.js';
import { CallReviewPage, CriteriaPage, CriterionEditPage, OverviewPage, RankingPage } from './operator-views.js';
import { operatorApplication, operatorCall } from './policy.js';
import * as queries from './queries.js';
import { operatorBase } from './parts.js';
import { type ReviewCallRow, reviewDb } from './tables.js';

type CallParams = { Params: { callSlug: string } };
type CriterionParams = { Params: { callSlug: string; criterionId: string } };
type ApplicationParams = { Params: { callSlug: string; applicationId: string } };

const signedIn = { config: { access: 'signed-in' as const } };
const actorOf = (request: FastifyRequest): commands.TeamActor => ({ userId: request.actor.user!.id, ip: request.ip });
const callPath = (call: ReviewCallRow) => `${operatorBase}/${call.slug}`;
/** Decisions wait until applications are no longer taken: a call still open (or not yet open) refuses them. */
const takesApplications = (call: ReviewCallRow) => callState(call, new Date()) !== 'closed';

async function showCall(request: FastifyRequest, reply: FastifyReply, call: ReviewCallRow, form: FormState = emptyForm(), status = 200) {
  const { db } = request.server.platform;
  const [progress, assigned, team, applications] = await Promise.all([queries.callsWithProgress(db), queries.assignedReviewers(db, call.id), queries.teamMembers(db), queries.reviewableApplications(db, call.id)]);
  const reviews = await queries.teamReviews(db, applications.map((a) => a.id));
  const conflicts = applications.map((application) => ({ application, reviews: (reviews.get(application.id) ?? []).filter((r) => r.conflict_reason !== null) })).filter((c) => c.reviews.length > 0);
  const props = { call, progress: progress.find((p) => p.call.id === call.id), assigned, team, conflicts, form };
  return sendPage(request, reply, (ctx) => <CallReviewPage ctx={ctx} props={props} />, status);
}

async function showCriteria(request: FastifyRequest, reply: FastifyReply, call: ReviewCallRow, form: FormState = emptyForm(), status = 200, notice?: string) {
  const { db } = request.server.platform;
  const [criteria, frozen] = await Promise.all([queries.criteriaOf(db, call.id), queries.scoringStarted(db, call.id)]);
  return sendPage(request, reply, (ctx) => <CriteriaPage ctx={ctx} props={{ call, criteria, frozen, form, notice }} />, status);
}

async function showRanking(request: FastifyRequest, reply: FastifyReply, call: ReviewCallRow, status = 200, notice?: string) {
  const { db } = request.server.platform;
  const rows = await queries.callRanking(db, call.id);
  const unsent = rows.filter((r) => (r.application.status === 'selected' || r.application.status === 'rejected') && r.application.decision_sent_at === null).length;
  const byHand = rows.map((r) => r.application).filter((a) => a.decision_sent_via !== null && a.decision_sent_via.length === 0);
  return sendPage(request, reply, (ctx) => <RankingPage ctx={ctx} props={{ call, rows, callOpen: takesApplications(call), unsent, byHand, notice }} />, status);
}

/** A criterion of the call named in the URL (one of another call is not found), while the criteria may still change. */
async function editableCriterion(request: FastifyRequest<CriterionParams>) {
  const { call } = await operatorCall(request, request.params.callSlug);
  const { db } = request.server.platform;
  const criterion = queries.uuidPattern.test(request.params.criterionId) ? (await queries.criteriaOf(db, call.id)).find((c) => c.id === request.params.criterionId) : undefined;
  if (!criterion) throw new AppError('NOT_FOUND');
  return { call, criterion, frozen: await queries.scoringStarted(db, call.id) };
}

function criteriaRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<CallParams>(`${operatorBase}/:callSlug/criteria`, signedIn, async (request, reply) => showCriteria(request, reply, (await operatorCall(request, request.params.callSlug)).call));

  app.post<CallParams>(`${operatorBase}/:callSlug/criteria`, signedIn, async (request, reply) => {
    const { call } = await operatorCall(request, request.params.callSlug);
    const result = parseForm(criterionSchema, request.body);
    // Frozen meanwhile: the form comes back as typed, with the reason.
    if (await queries.scoringStarted(db, call.id)) return showCriteria(request, reply, call, { values: typedValues(request.body), errors: {} }, 409, request.t('programme.review.criteria_frozen'));
    if (!result.ok) return showCriteria(request, reply, call, result.form as FormState, 422);
    await commands.addCriterion(db, actorOf(request), call, result.data);
    return redirectWithFlash(reply, `${callPath(call)}/criteria`, 'programme.review.criterion_saved');
  });

  app.get<CriterionParams>(`${operatorBase}/:callSlug/criteria/:criterionId`, signedIn, async (request, reply) => {
    const { call, criterion } = await editableCriterion(request);
    return sendPage(request, reply, (ctx) => <CriterionEditPage ctx={ctx} call={call} criterion={criterion} form={emptyForm(criterionValues(criterion))} />);
  });

  app.post<CriterionParams>(`${operatorBase}/:callSlug/criteria/:criterionId`, signedIn, async (request, reply) => {
    const { call, criterion, frozen } = await editableCriterion(request);
    const result = parseForm(criterionSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <CriterionEditPage ctx={ctx} call={call} criterion={criterion} form={result.form as FormState} />, 422);
    if (frozen) return showCriteria(request, reply, call, emptyForm(), 409, request.t('programme.review.criteria_frozen'));
    await commands.updateCriterion(db, actorOf(request), criterion.id, result.data);
    return redirectWithFlash(reply, `${callPath(call)}/criteria`, 'programme.review.criterion_saved');
  });

  app.post<CriterionParams>(`${operatorBase}/:callSlug/criteria/:criterionId/delete`, signedIn, async (request, reply) => {
    const { call, criterion, frozen } = await editableCriterion(request);
    if (frozen) return showCriteria(request, reply, call, emptyForm(), 409, request.t('programme.review.criteria_frozen'));
    await commands.removeCriterion(db, actorOf(request), criterion.id);
    return redirectWithFlash(reply, `${callPath(call)}/criteria`, 'programme.review.criterion_removed');
  });

  app.post<CriterionParams>(`${operatorBase}/:callSlug/criteria/:criterionId/move`, signedIn, async (request, reply) => {
    const { call, criterion, frozen } = await editableCriterion(request);
    const result = parseForm(moveSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    if (frozen) return showCriteria(request, reply, call, emptyForm(), 409, request.t('programme.review.criteria_frozen'));
    await commands.moveCriterion(db, actorOf(request), call.id, criterion.id, result.data.direction);
    return redirectWithFlash(reply, `${callPath(call)}/criteria`, 'programme.review.criterion_saved');
  });
}

function callRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get(operatorBase, signedIn, async (request, reply) => {
    await authorizeOperator(request);
    const calls = await queries.callsWithProgress(db);
    return sendPage(request, reply, (ctx) => <OverviewPage ctx={ctx} calls={calls} />);
  });

  app.get<CallParams>(`${operatorBase}/:callSlug`, signedIn, async (request, reply) => showCall(request, reply, (await operatorCall(request, request.params.callSlug)).call));

  app.post<CallParams>(`${operatorBase}/:callSlug/reviewers`, signedIn, async (request, reply) => {
    const { call } = await operatorCall(request, request.params.callSlug);
    const result = parseForm(assignSchema, request.body);
    // Only members of the programme's team (reviewers or operators) review.
    const member = result.ok && (await queries.teamMembers(db)).some((m) => m.user_id === result.data.user_id);
    if (!result.ok || !member) return showCall(request, reply, call, { values: {}, errors: { user_id: 'programme.review.not_team_member' } }, 422);
    await commands.assignReviewer(db, actorOf(request), call, result.data.user_id);
    return redirectWithFlash(reply, callPath(call), 'programme.review.reviewer_assigned');
  });

  app.post<CallParams>(`${operatorBase}/:callSlug/reviewers/remove`, signedIn, async (request, reply) => {
    const { call } = await operatorCall(request, request.params.callSlug);
    const result = parseForm(assignSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    await commands.unassignReviewer(db, actorOf(request), call, result.data.user_id);
    return redirectWithFlash(reply, callPath(call), 'programme.review.reviewer_unassigned');
  });

  app.post<CallParams>(`${operatorBase}/:callSlug/scoring`, signedIn, async (request, reply) => {
    const { call } = await operatorCall(request, request.params.callSlug);
    const result = parseForm(scoringSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    await commands.setScoringOpen(db, actorOf(request), call, result.data.open === '1');
    return redirectWithFlash(reply, callPath(call), result.data.open === '1' ? 'programme.review.scoring_reopened' : 'programme.review.scoring_closed_done');
  });
}

function rankingRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<CallParams>(`${operatorBase}/:callSlug/ranking`, signedIn, async (request, reply) => showRanking(request, reply, (await operatorCall(request, request.params.callSlug)).call));

  app.get<CallParams>(`${operatorBase}/:callSlug/ranking.csv`, signedIn, async (request, reply) => {
    const { call } = await operatorCall(request, request.params.callSlug);
    const rows = await queries.callRanking(db, call.id);
    const header = ['rank', 'tied', 'reference', 'applicant', 'country', 'score', 'reviews', 'min', 'max', 'status'];
    const lines = rows.map((r) => [r.rank, r.tied ? 'yes' : '', r.application.reference, r.application.applicant_name, r.application.country, r.score?.toFixed(2), r.reviewCount, r.min?.toFixed(2), r.max?.toFixed(2), r.application.status]);
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="ranking-${call.slug}.csv"`).send(toCsv([header, ...lines], { bom: true }));
  });

  app.post<ApplicationParams>(`${operatorBase}/:callSlug/applications/:applicationId/shortlist`, signedIn, async (request, reply) => {
    const { call, application } = await operatorApplication(request, request.params.callSlug, request.params.applicationId);
    const result = parseForm(shortlistSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    const done = await commands.setShortlisted(db, actorOf(request), application, result.data.shortlisted === '1');
    if (!done) return showRanking(request, reply, call, 409, request.t('programme.review.shortlist_refused'));
    return redirectWithFlash(reply, `${callPath(call)}/ranking`, result.data.shortlisted === '1' ? 'programme.review.shortlisted_done' : 'programme.review.unshortlisted_done');
  });

  app.post<ApplicationParams>(`${operatorBase}/:callSlug/applications/:applicationId/decision`, signedIn, async (request, reply) => {
    const { call, application } = await operatorApplication(request, request.params.callSlug, request.params.applicationId);
    const result = parseForm(decisionSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    if (takesApplications(call)) return showRanking(request, reply, call, 409, request.t('programme.review.call_still_open'));
    if (!(await commands.decide(db, actorOf(request), application, result.data.decision))) return showRanking(request, reply, call, 409, request.t('programme.review.decision_already_sent'));
    return redirectWithFlash(reply, `${callPath(call)}/ranking`, 'programme.review.decision_recorded');
  });

  app.post<CallParams>(`${operatorBase}/:callSlug/decisions/send`, signedIn, async (request, reply) => {
    const { call } = await operatorCall(request, request.params.callSlug);
    if (takesApplications(call)) return showRanking(request, reply, call, 409, request.t('programme.review.call_still_open'));
    const services = request.server.platform;
    return idempotent(request, reply, `programme.decisions:${call.id}`, async (tx) => {
      // The call row is locked: two sends of the same call run one after the other, the second finds nothing left.
      await commands.lockCall(tx, call.id);
      const sent = await sendDecisions(tx, services, actorOf(request), await reviewDb(tx).selectFrom('programme_calls').selectAll().where('id', '=', call.id).executeTakeFirstOrThrow());
      return { statusCode: 303, location: `${callPath(call)}/ranking`, flash: sent.sent > 0 ? 'programme.review.decisions_sent' : 'programme.review.decisions_none', afterCommit: () => deliverQueued(services.queue) };
    });
  });
}

/** The operator's side of the review: criteria, reviewers, ranking, shortlist and decisions. */
export function reviewOperatorRoutes(app: FastifyInstance): void {
  callRoutes(app);
  criteriaRoutes(app);
  rankingRoutes(app);
}
