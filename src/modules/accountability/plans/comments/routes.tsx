import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';
import { AppError } from '../../../../platform/http/errors.js';
import { isUuid } from '../../../../platform/db/uuid.js';
import { type FormState, parseForm } from '../../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../../platform/http/render.js';
import type { RouteAccess } from '../../../../platform/permissions/route-access.js';
import { AnswerCommentPage, CommentQueuePage } from './admin-views.js';
import { addComment, answerComment, hideComment, publishedCommitment } from './commands.js';
import { answerSchema, commentSchema, hideSchema } from './forms.js';
import { commentsPolicy } from './policy.js';
import type { CommitmentComments } from './public-views.js';
import { commentQueue, commentsOfCommitment, queuedComment } from './queries.js';
import { commentCountsByCommitment } from './stats.js';

const empty: FormState = { values: {}, errors: {} };
// Comments cost the commune an answer each: a person writes at most a few per minute.
const writer = { config: { access: 'signed-in' as const, rateLimit: { max: 5, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip } } };
const commentStaff = { config: { access: { communeRoles: ['staff', 'admin', 'moderator'] } satisfies RouteAccess } };
type CommentParams = { Params: { commentId: string } };

/** What the public commitment page shows under "Comments": the list, the public counts and the form. */
export async function commitmentComments(db: Kysely<PlatformTables>, commune: { id: string; slug: string }, planId: string, commitmentId: string, form: FormState = empty): Promise<CommitmentComments> {
  const [comments, counts] = await Promise.all([commentsOfCommitment(db, commune.id, commitmentId), commentCountsByCommitment(db, commune.id, planId)]);
  return { comments, counts: counts.get(commitmentId) ?? { total: 0, unanswered: 0 }, action: `/${commune.slug}/plans/${planId}/commitments/${commitmentId}/comments`, form };
}

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/**
 * Citizens comment on a published commitment. `showCommitment` re-renders the commitment page with the refused
 * text kept, so the public page's own route stays the one place that draws it.
 */
export function commentPublicRoutes(app: FastifyInstance, showCommitment: (request: FastifyRequest<{ Params: { id: string; cid: string } }>, reply: FastifyReply, form: FormState) => Promise<unknown>): void {
  const { db } = app.platform;
  app.post<{ Params: { id: string; cid: string } }>('/plans/:id/commitments/:cid/comments', writer, async (request, reply) => {
    const commune = communeOf(request);
    commentsPolicy.authorize(request.actor, 'accountability.comments.write', { communeId: commune.id });
    const commitment = await publishedCommitment(db, commune.id, request.params.cid);
    if (!commitment || commitment.plan_id !== request.params.id) throw new AppError('NOT_FOUND');
    const result = parseForm(commentSchema, request.body);
    if (!result.ok) return showCommitment(request, reply, result.form as FormState);
    const id = await addComment(db, commune.id, commitment.id, { authorId: request.actor.user!.id, body: result.data.body });
    return redirectWithFlash(reply, `/${commune.slug}/plans/${commitment.plan_id}/commitments/${commitment.id}#comment-${id}`, 'accountability.comments.sent');
  });
}

async function staffComment(request: FastifyRequest<CommentParams>) {
  const commune = communeOf(request);
  commentsPolicy.authorize(request.actor, 'accountability.comments.hide', { communeId: commune.id });
  if (!isUuid(request.params.commentId)) throw new AppError('NOT_FOUND');
  const comment = await queuedComment(request.server.platform.db, commune.id, request.params.commentId);
  if (!comment) throw new AppError('NOT_FOUND');
  const staff = { communeId: commune.id, actorId: request.actor.user?.id ?? null };
  return { commune, comment, staff };
}

function showAnswerPage(request: FastifyRequest, reply: FastifyReply, comment: NonNullable<Awaited<ReturnType<typeof queuedComment>>>, forms: { form?: FormState; hideForm?: FormState } = {}, status = 200) {
  const form = forms.form ?? { values: { outcome: comment.outcome ?? '', response: comment.response ?? '' }, errors: {} };
  const canAnswer = commentsPolicy.can(request.actor, 'accountability.comments.answer', { communeId: comment.commune_id });
  return sendPage(request, reply, (ctx) => <AnswerCommentPage ctx={ctx} comment={comment} form={form} hideForm={forms.hideForm ?? empty} canAnswer={canAnswer} />, status);
}

/** Staff answer each comment in the commune's name; moderators and staff may hide one that breaks the rules. */
export function commentAdminRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<{ Querystring: { show?: string } }>('/plans/comments', commentStaff, async (request, reply) => {
    const commune = communeOf(request);
    commentsPolicy.authorize(request.actor, 'accountability.comments.hide', { communeId: commune.id });
    const show = request.query.show === 'all' ? 'all' : 'unanswered';
    const comments = await commentQueue(db, commune.id, show);
    return sendPage(request, reply, (ctx) => <CommentQueuePage ctx={ctx} comments={comments} show={show} />);
  });
  app.get<CommentParams>('/plans/comments/:commentId', commentStaff, async (request, reply) => showAnswerPage(request, reply, (await staffComment(request)).comment));
  app.post<CommentParams>('/plans/comments/:commentId', commentStaff, async (request, reply) => {
    const { commune, comment, staff } = await staffComment(request);
    commentsPolicy.authorize(request.actor, 'accountability.comments.answer', { communeId: commune.id });
    const result = parseForm(answerSchema, request.body);
    if (!result.ok) return showAnswerPage(request, reply, comment, { form: result.form as FormState }, 422);
    await answerComment(db, staff, comment.id, result.data);
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/comments`, 'accountability.comments.answered');
  });
  app.post<CommentParams>('/plans/comments/:commentId/hide', commentStaff, async (request, reply) => {
    const { commune, comment, staff } = await staffComment(request);
    const result = parseForm(hideSchema, request.body);
    if (!result.ok) return showAnswerPage(request, reply, comment, { hideForm: result.form as FormState }, 422);
    await hideComment(db, staff, comment.id, result.data.reason);
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/comments`, 'accountability.comments.hidden_done');
  });
}
