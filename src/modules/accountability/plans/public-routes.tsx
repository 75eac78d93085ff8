import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { planCompliance } from '../forum/queries.js';
import { ComplianceSection } from '../forum/public-views.js';
import { sendPage } from '../../../platform/http/render.js';
import { commitmentDetail, planProgress, publishedPlans } from './queries.js';
import { CommitmentPage, PlanPage, PlansPage } from './public-views.js';

const pub = { config: { access: 'public' as const } };

function communeIdOf(request: FastifyRequest): string {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune.id;
}

/** The commune's published plans, their commitments and progress: what was promised and how far it is. */
export function planPublicRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get('/plans', pub, async (request, reply) => {
    const plans = await publishedPlans(db, communeIdOf(request));
    return sendPage(request, reply, (ctx) => <PlansPage ctx={ctx} plans={plans} />);
  });

  app.get<{ Params: { id: string } }>('/plans/:id', pub, async (request, reply) => {
    const progress = await planProgress(db, communeIdOf(request), request.params.id, { publishedOnly: true });
    if (!progress) throw new AppError('NOT_FOUND');
    // OGP Local action plans show the checklist OGP applies to them.
    const compliance = progress.plan.kind === 'ogp_action_plan' ? await planCompliance(db, progress.plan.commune_id, progress.plan.id, request.commune!.time_zone) : undefined;
    return sendPage(request, reply, (ctx) => <PlanPage ctx={ctx} progress={progress}>{compliance ? <ComplianceSection ctx={ctx} planId={progress.plan.id} items={compliance} /> : ''}</PlanPage>);
  });

  app.get<{ Params: { id: string; cid: string } }>('/plans/:id/commitments/:cid', pub, async (request, reply) => {
    const detail = await commitmentDetail(db, communeIdOf(request), request.params.id, request.params.cid);
    if (!detail) throw new AppError('NOT_FOUND');
    return sendPage(request, reply, (ctx) => <CommitmentPage ctx={ctx} detail={detail} />);
  });
}
