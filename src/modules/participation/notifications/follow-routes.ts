import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { findConsultation, findProposal } from '../queries/participation-queries.js';
import { type FollowTarget, follow, unfollow } from './follows.js';

const signedIn = { config: { access: 'signed-in' as const, policy: 'own-account' as const } };
type IdParams = { Params: { id: string } };

/** The target, checked to exist in this commune (and not be a draft) before anything is stored. */
async function targetOf(request: FastifyRequest<IdParams>, kind: 'proposals' | 'consultations'): Promise<{ target: FollowTarget; back: string }> {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  const { db } = request.server.platform;
  const found = kind === 'proposals' ? await findProposal(db, commune.id, request.params.id) : await findConsultation(db, commune.id, request.params.id);
  if (!found) throw new AppError('NOT_FOUND');
  const target = kind === 'proposals' ? { proposalId: found.id } : { consultationId: found.id };
  return { target, back: `/${commune.slug}/${kind}/${found.id}` };
}

/** POST /<commune>/{proposals|consultations}/<id>/{follow|unfollow}. */
export async function followRoutes(app: FastifyInstance): Promise<void> {
  for (const kind of ['proposals', 'consultations'] as const) {
    app.post<IdParams>(`/${kind}/:id/follow`, signedIn, async (request, reply) => {
      const { target, back } = await targetOf(request, kind);
      await follow(app.platform.db, request.commune!.id, request.actor.user!.id, target);
      return redirectWithFlash(reply, back, 'participation.follow.started');
    });
    app.post<IdParams>(`/${kind}/:id/unfollow`, signedIn, async (request, reply) => {
      const { target, back } = await targetOf(request, kind);
      await unfollow(app.platform.db, request.commune!.id, request.actor.user!.id, target);
      return redirectWithFlash(reply, back, 'participation.follow.stopped');
    });
  }
}
