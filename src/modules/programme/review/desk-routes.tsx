import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { authorizeReviewer } from '../permissions.js';
import * as commands from './commands.js';
import { type ApplicationReviewProps, ApplicationReviewPage, type DeskCall, DeskPage, MessagesPage } from './desk-views.js';
import { conflictSchema, interviewSchema, parseScores, scoreFieldName } from './forms.js';
import { type ReviewDesk, reviewPolicy, reviewSeat } from './policy.js';
import * as queries from './queries.js';
import { applicationReviewPath, deskBase } from './parts.js';
import { reviewDb } from './tables.js';

type IdParams = { Params: { id: string } };
const signedIn = { config: { access: 'signed-in' as const } };

interface Forms {
  scoreForm?: FormState;
  conflictForm?: FormState;
  interviewForm?: FormState;
  notice?: string;
}

/** The application page: answers unless a conflict was declared, the reviewer's own scores only, the team's for the operator. */
async function showApplication(request: FastifyRequest, reply: FastifyReply, desk: ReviewDesk, forms: Forms = {}, status = 200) {
  const { db } = request.server.platform;
  const { application, seat, userId } = desk;
  const [call, fields, criteria, own, interviews] = await Promise.all([
    queries.callById(db, application.call_id),
    queries.fieldsOf(db, application.call_id),
    queries.criteriaOf(db, application.call_id),
    queries.reviewOf(db, application.id, userId),
    queries.interviewsOf(db, application.id),
  ]);
  const can = (action: 'programme.review.read_answers' | 'programme.review.score' | 'programme.review.declare_conflict' | 'programme.review.interview') => reviewPolicy.can(request.actor, action, seat);
  const savedValues: FormState['values'] = Object.fromEntries(Object.entries(own?.scores ?? {}).map(([id, score]) => [scoreFieldName(id), String(score)]));
  if (own?.comment) savedValues.comment = own.comment;
  const props: ApplicationReviewProps = {
    call,
    application,
    seat: { ...seat, conflict: !can('programme.review.read_answers') },
    fields,
    criteria,
    ownSavedAt: own && !own.conflict_reason && Object.keys(own.scores).length > 0 ? own.updated_at : null,
    scoreForm: forms.scoreForm ?? emptyForm(savedValues),
    conflictForm: forms.conflictForm ?? emptyForm(),
    interviewForm: forms.interviewForm ?? emptyForm(),
    teamReviews: seat.standing.operator ? ((await queries.teamReviews(db, [application.id])).get(application.id) ?? []) : null,
    interviews: seat.standing.operator || seat.assigned ? interviews : [],
    canScore: can('programme.review.score'),
    canDeclare: can('programme.review.declare_conflict'),
    canInterview: can('programme.review.interview'),
    notice: forms.notice,
  };
  return sendPage(request, reply, (ctx) => <ApplicationReviewPage ctx={ctx} props={props} />, status);
}

async function deskCalls(request: FastifyRequest, userId: string): Promise<DeskCall[]> {
  const { db } = request.server.platform;
  const calls = await queries.callsWithProgress(db, userId);
  return Promise.all(
    calls.map(async (progress) => {
      const [applications, own] = await Promise.all([queries.reviewableApplications(db, progress.call.id), queries.ownReviewsInCall(db, progress.call.id, userId)]);
      return { progress, applications, own: new Map(own.map((o) => [o.application_id, o.conflict ? ('conflict' as const) : ('scored' as const)])) };
    }),
  );
}

/** The reviewers' side: their desk, an application to score, a conflict to declare, interview notes; and applicants' messages. */
export function reviewDeskRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get(deskBase, signedIn, async (request, reply) => {
    await authorizeReviewer(request);
    const calls = await deskCalls(request, request.actor.user!.id);
    return sendPage(request, reply, (ctx) => <DeskPage ctx={ctx} calls={calls} />);
  });

  app.get<IdParams>(`${deskBase}/applications/:id`, signedIn, async (request, reply) => showApplication(request, reply, await reviewSeat(request, request.params.id)));

  app.post<IdParams>(`${deskBase}/applications/:id/scores`, signedIn, async (request, reply) => {
    const desk = await reviewSeat(request, request.params.id);
    reviewPolicy.authorize(request.actor, 'programme.review.score', desk.seat);
    const result = parseScores(await queries.criteriaOf(db, desk.application.call_id), request.body);
    if (!result.ok) return showApplication(request, reply, desk, { scoreForm: result.form }, 422);
    const saved = await db.transaction().execute((tx) => commands.saveScores(tx, { userId: desk.userId, ip: request.ip }, desk.application, result.scores, result.comment));
    if (!saved) return showApplication(request, reply, await reviewSeat(request, request.params.id), {}, 409);
    return redirectWithFlash(reply, applicationReviewPath(desk.application.id), 'programme.review.scores_saved');
  });

  app.post<IdParams>(`${deskBase}/applications/:id/conflict`, signedIn, async (request, reply) => {
    const desk = await reviewSeat(request, request.params.id);
    reviewPolicy.authorize(request.actor, 'programme.review.declare_conflict', desk.seat);
    const result = parseForm(conflictSchema, request.body);
    if (!result.ok) return showApplication(request, reply, desk, { conflictForm: result.form as FormState }, 422);
    await db.transaction().execute((tx) => commands.declareConflict(tx, { userId: desk.userId, ip: request.ip }, desk.application, result.data.reason));
    return redirectWithFlash(reply, applicationReviewPath(desk.application.id), 'programme.review.conflict_saved');
  });

  app.post<IdParams>(`${deskBase}/applications/:id/interviews`, signedIn, async (request, reply) => {
    const desk = await reviewSeat(request, request.params.id);
    reviewPolicy.authorize(request.actor, 'programme.review.interview', desk.seat);
    const result = parseForm(interviewSchema, request.body);
    if (!result.ok) return showApplication(request, reply, desk, { interviewForm: result.form as FormState }, 422);
    await commands.recordInterview(db, { userId: desk.userId, ip: request.ip }, desk.application, result.data);
    return redirectWithFlash(reply, applicationReviewPath(desk.application.id), 'programme.review.interview_saved');
  });

  // An applicant's messages from the programme (their decision); only their own, so no one else's id appears.
  app.get('/network/programme/messages', signedIn, async (request, reply) => {
    const userId = request.actor.user!.id;
    const messages = await reviewDb(db).selectFrom('programme_messages').select(['body', 'created_at', 'read_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
    await reviewDb(db).updateTable('programme_messages').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
    return sendPage(request, reply, (ctx) => <MessagesPage ctx={ctx} messages={messages} />);
  });
}
