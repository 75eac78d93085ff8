import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { mergeProposal } from '../commands/merge-commands.js';
import { isSafeOutcomeUrl, setOutcome } from '../commands/outcome-commands.js';
import { participationPolicy } from '../permissions.js';
import { findProposalForStaff, mergeCandidates, proposalExtras } from '../queries/proposal-detail-queries.js';
import { ProposalAdminPage } from './proposal-admin-views.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };

async function staffProposal(request: FastifyRequest, id: string) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  participationPolicy.authorize(request.actor, 'proposal.answer', { communeId: commune.id });
  const proposal = await findProposalForStaff(request.server.platform.db, commune.id, id);
  if (!proposal) throw new AppError('NOT_FOUND');
  return { commune, proposal };
}

async function showProposalAdmin(request: FastifyRequest, reply: FastifyReply, id: string, outcomeForm?: FormState, status = 200) {
  const { db } = request.server.platform;
  const { commune, proposal } = await staffProposal(request, id);
  const [candidates, extras] = await Promise.all([mergeCandidates(db, commune.id, proposal), proposalExtras(db, commune.id, proposal)]);
  const form = outcomeForm ?? { values: { outcome_label: proposal.outcome_label ?? '', outcome_url: proposal.outcome_url ?? '' }, errors: {} };
  return sendPage(request, reply, (ctx) => <ProposalAdminPage ctx={ctx} props={{ proposal, candidates, mergedInto: extras.mergedInto, outcomeForm: form }} />, status);
}

/** Label and URL given together (or both empty, to remove the link); the URL internal or http(s). */
function outcomeOf(values: Record<string, string>) {
  const label = (values.outcome_label ?? '').trim().slice(0, 200);
  const url = (values.outcome_url ?? '').trim();
  const errors: Record<string, string> = {};
  if (url && !label) errors.outcome_label = 'core.form.required';
  if (label && !url) errors.outcome_url = 'core.form.required';
  if (url && (url.length > 500 || !isSafeOutcomeUrl(url))) errors.outcome_url = 'participation.outcome.url_invalid';
  return { errors, outcome: label && url ? { label, url } : null };
}

/** Staff tools on one proposal under /<commune>/admin/proposals/<id>: merging duplicates and the outcome link. */
export function registerProposalAdminRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const audit = (request: FastifyRequest, action: string, resourceId: string) =>
    recordAudit(db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'proposal', resourceId, ip: request.ip });

  app.get<IdParams>('/proposals/:id', staff, async (request, reply) => showProposalAdmin(request, reply, request.params.id));

  app.post<IdParams>('/proposals/:id/merge', staff, async (request, reply) => {
    const { commune, proposal } = await staffProposal(request, request.params.id);
    const into = String((request.body as Record<string, unknown> | undefined)?.into ?? '');
    await mergeProposal(db, commune.id, proposal.id, into, { userId: request.actor.user?.id ?? null, ip: request.ip });
    return redirectWithFlash(reply, `/${commune.slug}/admin/proposals/${into}`, 'participation.merge.done');
  });

  app.post<IdParams>('/proposals/:id/outcome', staff, async (request, reply) => {
    const { commune, proposal } = await staffProposal(request, request.params.id);
    const values = (request.body ?? {}) as Record<string, string>;
    const { errors, outcome } = outcomeOf(values);
    if (Object.keys(errors).length > 0) return showProposalAdmin(request, reply, proposal.id, { values, errors }, 422);
    await setOutcome(db, commune.id, proposal.id, outcome);
    await audit(request, outcome ? 'proposal.outcome_linked' : 'proposal.outcome_removed', proposal.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/proposals/${proposal.id}`, 'participation.outcome.saved');
  });
}
