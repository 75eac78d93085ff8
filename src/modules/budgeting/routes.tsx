import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import { findProposalSummary } from '../participation/index.js';
import { registerImplementationRoutes } from './implementation-routes.js';
import { currentPhase, findProject, findRound, listPublicRounds, phasesOf, projectsOf, subBudgetsOf } from './queries/budget-queries.js';
import { photosOf, trackedProjectsOf, updatesOf } from './queries/implementation-queries.js';
import { ProjectPage, RoundPage, RoundsPage } from './views/public-views.js';
import { votingRoutes } from './voting/vote-routes.js';

const pub = { config: { access: 'public' as const } };

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** Public pages of participatory budgets under /<commune>/: drafts are never shown. */
export async function budgetingRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get('/budgets', pub, async (request, reply) => {
    const rounds = await listPublicRounds(db, communeOf(request).id);
    return sendPage(request, reply, (ctx) => <RoundsPage ctx={ctx} rounds={rounds} />);
  });

  app.get<{ Params: { id: string } }>('/budgets/:id', pub, async (request, reply) => {
    const commune = communeOf(request);
    const round = await findRound(db, commune.id, request.params.id);
    if (!round) throw new AppError('NOT_FOUND');
    const [phases, subBudgets, projects, tracked] = await Promise.all([phasesOf(db, commune.id, round.id), subBudgetsOf(db, commune.id, round.id), projectsOf(db, commune.id, round.id), trackedProjectsOf(db, commune.id, round.id)]);
    const props = { round, phases, current: currentPhase(phases), subBudgets, projects, tracked };
    return sendPage(request, reply, (ctx) => <RoundPage ctx={ctx} props={props} />);
  });

  app.get<{ Params: { id: string; pid: string } }>('/budgets/:id/projects/:pid', pub, async (request, reply) => {
    const commune = communeOf(request);
    const round = await findRound(db, commune.id, request.params.id);
    const project = round ? await findProject(db, commune.id, round.id, request.params.pid) : undefined;
    if (!round || !project) throw new AppError('NOT_FOUND');
    const proposal = project.proposal_id ? await findProposalSummary(db, commune.id, project.proposal_id) : undefined;
    const implementation = project.implementation_status ? { updates: await updatesOf(db, commune.id, project.id), photos: await photosOf(db, commune.id, project.id) } : undefined;
    return sendPage(request, reply, (ctx) => <ProjectPage ctx={ctx} round={round} project={project} proposal={proposal} implementation={implementation} />);
  });

  registerImplementationRoutes(app);
  await votingRoutes(app);
}
