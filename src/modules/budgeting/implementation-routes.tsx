import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import { findRound } from './queries/budget-queries.js';
import { lastUpdateDates, trackedProjectsOf } from './queries/implementation-queries.js';
import { ImplementationPage } from './views/implementation-views.js';

/** The public, map-free list of a round's tracked projects, by neighbourhood: GET /<commune>/budgets/<id>/implementation. */
export function registerImplementationRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<{ Params: { id: string } }>('/budgets/:id/implementation', { config: { access: 'public' } }, async (request, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
    const round = await findRound(db, commune.id, request.params.id);
    if (!round) throw new AppError('NOT_FOUND');
    const projects = await trackedProjectsOf(db, commune.id, round.id);
    const lastUpdates = await lastUpdateDates(db, commune.id, projects.map((p) => p.id));
    return sendPage(request, reply, (ctx) => <ImplementationPage ctx={ctx} round={round} projects={projects} lastUpdates={lastUpdates} />);
  });
}
