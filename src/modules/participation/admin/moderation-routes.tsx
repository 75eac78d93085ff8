import { awaitingAnswerCount } from '../queries/answer-queue.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { type RouteAccess, staffOnly } from '../../../platform/permissions/route-access.js';
import { hideComment } from '../commands/comment-commands.js';
import { decideAppeal, openAppeals, reportedItems, setProposalHidden } from '../commands/moderation-commands.js';
import { participationPolicy } from '../permissions.js';
import { findConsultation, isUuid, scoped } from '../queries/participation-queries.js';
import { MessagePage, ModerationQueuePage } from '../views/moderation-views.js';

type IdParams = { Params: { id: string } };
const moderatorAccess: RouteAccess = { communeRoles: ['moderator', 'staff', 'admin'] };
const moderators = { config: { access: moderatorAccess } };
const staff = { config: { access: staffOnly } };
const reasonSchema = z.object({ reason: fields.requiredText(500) });
const decisionSchema = z.object({ decision: z.enum(['restored', 'upheld'], { error: 'core.form.invalid' }), reason: fields.requiredText(500) });

/** Civil-society moderators share moderation with staff, so it does not depend on the commune alone. */
function moderatorCommune(request: FastifyRequest): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  participationPolicy.authorize(request.actor, 'comment.moderate', { communeId: commune.id });
  return commune;
}

function reasonOf(body: unknown): string {
  const parsed = parseForm(reasonSchema, body);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED');
  return parsed.data.reason;
}

const audit = (request: FastifyRequest, action: string, resourceType: string, resourceId: string) =>
  recordAudit(request.server.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType, resourceId, ip: request.ip });

function registerArchive(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<IdParams>('/consultations/:id/archive', staff, async (request, reply) => {
    const commune = request.commune!;
    participationPolicy.authorize(request.actor, 'consultation.manage', { communeId: commune.id });
    const consultation = await findConsultation(db, commune.id, request.params.id, { includeDrafts: true });
    if (!consultation) throw new AppError('NOT_FOUND');
    const adminUrl = `/${commune.slug}/admin/consultations/${consultation.id}`;
    const refuse = (message: string, link: { href: string; label: string }) =>
      sendPage(request, reply, (ctx) => <MessagePage ctx={ctx} title={ctx.t('participation.archive.title')} message={message} back={link} status="notice notice-error" />, 409);
    if (consultation.status !== 'closed') return refuse(request.t('participation.archive.not_closed'), { href: adminUrl, label: request.t('participation.admin.back') });
    const awaiting = await awaitingAnswerCount(db, request.commune!.id, consultation.id);
    if (awaiting > 0) {
      return refuse(request.t('participation.archive.awaiting', { count: String(awaiting) }), { href: `/${commune.slug}/consultations/${consultation.id}?answer=awaiting`, label: request.t('participation.archive.awaiting_link') });
    }
    await scoped(db, commune.id).updateTable('consultations').set({ status: 'archived' }).where('id', '=', consultation.id).where('status', '=', 'closed').execute();
    await audit(request, 'consultation.archived', 'consultation', consultation.id);
    return redirectWithFlash(reply, adminUrl, 'participation.archive.done');
  });
}

/** Moderation under /<commune>/admin/: the queue of reports and appeals, hiding, showing again, deciding appeals. */
export function registerModeration(app: FastifyInstance): void {
  const { db } = app.platform;
  const queueUrl = (request: FastifyRequest) => `/${request.commune!.slug}/admin/moderation`;

  app.get('/moderation', moderators, async (request, reply) => {
    const commune = moderatorCommune(request);
    const [reported, appeals] = await Promise.all([reportedItems(db, commune.id), openAppeals(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <ModerationQueuePage ctx={ctx} reported={reported} appeals={appeals} />);
  });

  app.post<IdParams>('/comments/:id/hide', moderators, async (request, reply) => {
    const commune = moderatorCommune(request);
    if (!isUuid(request.params.id)) throw new AppError('NOT_FOUND');
    await hideComment(db, commune.id, request.params.id, { moderatorId: request.actor.user!.id, reason: reasonOf(request.body) });
    await audit(request, 'comment.hidden', 'proposal_comment', request.params.id);
    return redirectWithFlash(reply, queueUrl(request), 'participation.moderation.hidden');
  });

  app.post<IdParams>('/proposals/:id/hide', moderators, async (request, reply) => {
    const commune = moderatorCommune(request);
    await setProposalHidden(db, commune.id, request.params.id, { moderatorId: request.actor.user!.id, reason: reasonOf(request.body) });
    await audit(request, 'proposal.hidden', 'proposal', request.params.id);
    return redirectWithFlash(reply, queueUrl(request), 'participation.mod.proposal_hidden_done');
  });

  app.post<IdParams>('/proposals/:id/unhide', moderators, async (request, reply) => {
    const commune = moderatorCommune(request);
    await setProposalHidden(db, commune.id, request.params.id, null);
    await audit(request, 'proposal.unhidden', 'proposal', request.params.id);
    return redirectWithFlash(reply, queueUrl(request), 'participation.mod.unhidden');
  });

  app.post<IdParams>('/appeals/:id/decide', moderators, async (request, reply) => {
    const commune = moderatorCommune(request);
    const parsed = parseForm(decisionSchema, request.body);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED');
    const appeal = await decideAppeal(db, commune.id, request.params.id, { decision: parsed.data.decision, reason: parsed.data.reason, deciderId: request.actor.user!.id });
    await audit(request, `appeal.${parsed.data.decision}`, appeal.comment_id ? 'proposal_comment' : 'proposal', appeal.comment_id ?? appeal.proposal_id!);
    return redirectWithFlash(reply, queueUrl(request), 'participation.mod.decided');
  });

  registerArchive(app);
}
