import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answers } from './db/tables.js';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../platform/http/forms.js';
import { idempotent } from '../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../platform/http/render.js';
import { addComment, commentsOf } from './commands/comment-commands.js';
import { keepWhatWasTyped, moderationRoutes } from './moderation-routes.js';
import { proposalModeration } from './moderation-page.js';
import { submitProposal, supportProposal } from './commands/proposal-commands.js';
import { activePhase, todayIn } from './phases.js';
import { assistedParticipants, type ProposalFilters, type ProposalSort, similarProposals, findConsultation, findProposal, isUuid, listProposals, listPublicConsultations, phasesOf, supportState, unansweredProposals } from './queries/participation-queries.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasRole } from '../../platform/permissions/actor.js';
import { ConsultationPage, ConsultationsPage } from './views/consultation-views.js';
import { ProposalPage } from './views/proposal-views.js';
import { registerSurveyRoutes } from './surveys/survey-routes.js';
import { surveyLinkFrom } from './surveys/survey-queries.js';
import { consultationPageData } from './queries/consultation-page.js';
import { checkProposal, readProposalForm } from './proposal-form.js';
import { photoFingerprint } from '../../platform/storage/uploads.js';
import { proposalExtras } from './queries/proposal-detail-queries.js';
import { isFollowing } from './notifications/follows.js';

const pub = { config: { access: 'public' as const } };
// Contributions are limited per person as well as per address, so one account cannot flood a consultation.
const signedIn = { config: { access: 'signed-in' as const, policy: 'open-participation' as const, rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip } } };
type IdParams = { Params: { id: string } };
// Over the limit, a clear page gives back what was typed instead of an error page.
const keepProposal = { config: { ...signedIn.config, onRateLimited: keepWhatWasTyped([{ name: 'title', labelKey: 'participation.proposal.title' }, { name: 'body', labelKey: 'participation.proposal.body', multiline: true }, { name: 'neighbourhood', labelKey: 'participation.proposal.neighbourhood' }], ['on_behalf_of', 'confirmed']) } };
const keepComment = { config: { ...signedIn.config, onRateLimited: keepWhatWasTyped([{ name: 'body', labelKey: 'participation.comment.add', multiline: true }], ['parent_id']) } };
const keepNothing = { config: { ...signedIn.config, onRateLimited: keepWhatWasTyped([]) } };

const commentSchema = z.object({ body: fields.requiredText(2000), parent_id: fields.optionalText(40) });

/** Sort and filters from the query string; a random order without a seed gets one, kept in every link. */
function listOptions(query: Record<string, string | undefined>): { sort: ProposalSort; filters: ProposalFilters } {
  const sort: ProposalSort = query.sort === 'supported' || query.sort === 'random' ? query.sort : 'newest';
  const seed = /^[0-9a-z]{1,16}$/.test(query.seed ?? '') ? query.seed : sort === 'random' ? randomBytes(4).toString('hex') : undefined;
  const answer = query.answer === 'awaiting' || answers.includes(query.answer as never) ? query.answer : undefined;
  return { sort, filters: { neighbourhood: query.neighbourhood?.slice(0, 120) || undefined, category: query.category?.slice(0, 80) || undefined, answer, seed } };
}

const isMediator = (request: FastifyRequest) => !!request.commune && (request.actor.isPlatformAdmin || hasRole(request.actor, request.commune.id, 'mediator', 'admin'));

/** A mediator may name an assisted participant of this commune; anyone else submits for themselves. */
async function onBehalfOf(request: FastifyRequest, participantId: string | undefined): Promise<string | null> {
  if (!participantId) return null;
  if (!isMediator(request)) throw new AppError('FORBIDDEN', 'only mediators act for assisted participants');
  const participants = isUuid(participantId) ? await assistedParticipants(request.server.platform.db, request.commune!.id) : [];
  if (!participants.some((p) => p.id === participantId)) throw new AppError('NOT_FOUND');
  return participantId;
}

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

async function showConsultation(request: FastifyRequest, reply: FastifyReply, id: string, form: FormState, status = 200, similar: { id: string; title: string }[] = []) {
  const commune = communeOf(request);
  const { db } = request.server.platform;
  const data = await consultationPageData(db, commune.id, id);
  if (!data) throw new AppError('NOT_FOUND');
  const { consultation, phases, meetings, meetingPhotos, stats } = data;
  const { sort, filters } = listOptions(request.query as Record<string, string | undefined>);
  const after = (request.query as Record<string, string | undefined>).after;
  const proposals = await listProposals(db, commune.id, consultation.id, sort, after, filters);
  // The filter offers the neighbourhoods the consultation targets: listing those named in 100,000 proposals would scan them all.
  const neighbourhoods = consultation.neighbourhoods;
  const active = consultation.status === 'published' ? activePhase(phases, todayIn(commune.time_zone), consultation.manual_phase_id) : null;
  const awaiting = consultation.status === 'closed' ? await unansweredProposals(db, commune.id, consultation.id) : [];
  const participants = isMediator(request) && active?.allows_proposals ? await assistedParticipants(db, commune.id) : [];
  const following = await isFollowing(db, commune.id, request.actor.user?.id ?? null, { consultationId: consultation.id });
  const survey = surveyLinkFrom(data.surveys, commune, consultation, phases, active);
  const props = { consultation, image: data.image, phases, active, proposals: proposals.items, next: proposals.next, sort, filters, neighbourhoods, meetings, meetingPhotos, stats, form, awaiting, participants, similar, survey, following } as const;
  return sendPage(request, reply, (ctx) => <ConsultationPage ctx={ctx} props={props} />, status);
}

/** Public pages of the participation module under /<commune>/. */
export async function participationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  await registerSurveyRoutes(app);

  app.get('/consultations', pub, async (request, reply) => {
    const consultations = await listPublicConsultations(db, communeOf(request).id);
    return sendPage(request, reply, (ctx) => <ConsultationsPage ctx={ctx} consultations={consultations} />);
  });

  app.get<IdParams>('/consultations/:id', pub, async (request, reply) => showConsultation(request, reply, request.params.id, { values: {}, errors: {} }));

  app.post<IdParams>('/consultations/:id/proposals', keepProposal, async (request, reply) => {
    const commune = communeOf(request);
    const form = await readProposalForm(request);
    const consultation = await findConsultation(db, commune.id, request.params.id);
    if (!consultation) throw new AppError('NOT_FOUND');
    const result = await checkProposal(request, commune.id, consultation.categories, form);
    if (!result.ok) return showConsultation(request, reply, request.params.id, result.form, 422);
    // Before storing, show proposals that look alike once, to avoid duplicates; the second submit goes through.
    if (form.fields.confirmed !== '1') {
      const similar = await similarProposals(db, commune.id, request.params.id, result.data.title);
      if (similar.length > 0) return showConsultation(request, reply, request.params.id, { values: result.values, errors: {} }, 200, similar);
    }
    const participantId = await onBehalfOf(request, result.data.on_behalf_of);
    const { photo_file_id: photoFileId, ...typed } = result.data;
    // Idempotent (issue 12): a resent form (flaky network, double tap) leads to the first proposal, stored once.
    return idempotent(request, reply, 'participation.proposal', async (tx) => {
      const created = await submitProposal(tx, commune, request.params.id, { ...typed, photoFileId, authorId: request.actor.user!.id, onBehalfOf: participantId });
      if (participantId) {
        await recordAudit(tx, { communeId: commune.id, actorUserId: request.actor.user!.id, onBehalfOf: participantId, action: 'proposal.submitted_for_participant', resourceType: 'proposal', resourceId: created.id, ip: request.ip });
      }
      return { statusCode: 303, location: `/${commune.slug}/proposals/${created.id}`, flash: 'participation.proposal.submitted' };
    }, { payload: { ...form.fields, _photo: photoFingerprint(form.files.photo) } });
  });

  app.get<IdParams>('/proposals/:id', pub, async (request, reply) => {
    const commune = communeOf(request);
    const proposal = await findProposal(db, commune.id, request.params.id);
    if (!proposal) throw new AppError('NOT_FOUND');
    const consultation = (await findConsultation(db, commune.id, proposal.consultation_id))!;
    const phase = consultation.status === 'published' ? activePhase(await phasesOf(db, commune.id, consultation.id), todayIn(commune.time_zone), consultation.manual_phase_id) : null;
    const supports = await supportState(db, commune.id, proposal.id, request.actor.user?.id ?? null);
    const comments = await commentsOf(db, commune.id, proposal.id);
    const following = await isFollowing(db, commune.id, request.actor.user?.id ?? null, { proposalId: proposal.id });
    const moderation = await proposalModeration(db, commune.id, proposal, comments, request.actor.user?.id ?? null);
    const extras = await proposalExtras(db, commune.id, proposal);
    // A hidden proposal or a merged duplicate keeps its page and comments, readable, but takes no more supports or comments.
    const open = (allowed: boolean | undefined) => !!allowed && !proposal.hidden_at && !proposal.merged_into_id;
    return sendPage(request, reply, (ctx) => <ProposalPage ctx={ctx} props={{ proposal, supports, canSupport: open(phase?.allows_supports), comments, commentsOpen: open(phase?.allows_comments), moderation, extras, following }} />);
  });

  app.post<IdParams>('/proposals/:id/comments', keepComment, async (request, reply) => {
    const commune = communeOf(request);
    const proposal = await findProposal(db, commune.id, request.params.id);
    if (!proposal) throw new AppError('NOT_FOUND');
    if (proposal.hidden_at) throw new AppError('CONFLICT', 'proposal hidden by moderation');
    if (proposal.merged_into_id) throw new AppError('CONFLICT', 'merged proposal');
    const parsed = parseForm(commentSchema, request.body);
    if (!parsed.ok) return redirectWithFlash(reply, `/${commune.slug}/proposals/${proposal.id}`, 'participation.comment.empty');
    const comment = await addComment(db, commune, proposal, { body: parsed.data.body, authorId: request.actor.user!.id, parentId: parsed.data.parent_id });
    return redirectWithFlash(reply, `/${commune.slug}/proposals/${proposal.id}#comment-${comment.id}`, 'participation.comment.added');
  });

  await moderationRoutes(app, keepNothing);

  for (const [path, withdraw] of [['support', false], ['withdraw-support', true]] as const) {
    app.post<IdParams>(`/proposals/:id/${path}`, keepNothing, async (request, reply) => {
      const commune = communeOf(request);
      const proposal = await findProposal(db, commune.id, request.params.id);
      if (!proposal) throw new AppError('NOT_FOUND');
      if (proposal.hidden_at && !withdraw) throw new AppError('CONFLICT', 'proposal hidden by moderation');
      if (proposal.merged_into_id && !withdraw) throw new AppError('CONFLICT', 'merged proposal');
      await supportProposal(db, commune, proposal, request.actor.user!.id, withdraw);
      return redirectWithFlash(reply, `/${commune.slug}/proposals/${proposal.id}`, withdraw ? 'participation.support.withdrawn' : 'participation.support.added');
    });
  }
}
