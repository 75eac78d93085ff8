import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { planCompliance } from '../forum/queries.js';
import { ComplianceSection } from '../forum/public-views.js';
import { sendPage } from '../../../platform/http/render.js';
import { commitmentDetail, planProgress, publishedPlans } from './queries.js';
import { CommitmentPage, PlanPage, PlansPage } from './public-views.js';
import { commentPublicRoutes, commitmentComments } from './comments/routes.js';
import { unansweredCommentStats } from './comments/stats.js';
import { coCreationOf } from './sources.js';
import { budgetLinesLinkedTo } from '../../finances/index.js';
import type { FormState } from '../../../platform/http/forms.js';

const pub = { config: { access: 'public' as const } };
type CommitmentParams = { Params: { id: string; cid: string } };

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
    const [comments, coCreation, compliance] = await Promise.all([
      unansweredCommentStats(db, progress.plan.commune_id, progress.plan.id),
      coCreationOf(db, progress.plan.commune_id, progress.plan.id),
      progress.plan.kind === 'ogp_action_plan' ? planCompliance(db, progress.plan.commune_id, progress.plan.id, request.commune!.time_zone) : undefined,
    ]);
    return sendPage(request, reply, (ctx) => (
      <PlanPage ctx={ctx} progress={progress} comments={comments} coCreation={coCreation}>{compliance ? <ComplianceSection ctx={ctx} planId={progress.plan.id} items={compliance} /> : ''}</PlanPage>
    ));
  });

  // A refused comment comes back here with its text kept (422); a plain visit has an empty form.
  const showCommitment = async (request: FastifyRequest<CommitmentParams>, reply: FastifyReply, form?: FormState) => {
    const detail = await commitmentDetail(db, communeIdOf(request), request.params.id, request.params.cid);
    if (!detail) throw new AppError('NOT_FOUND');
    const [comments, budgetLines] = await Promise.all([
      commitmentComments(db, request.commune!, detail.plan.id, detail.commitment.id, form),
      budgetLinesLinkedTo(db, request.commune!, { type: 'commitment', id: detail.commitment.id }),
    ]);
    return sendPage(request, reply, (ctx) => <CommitmentPage ctx={ctx} detail={detail} comments={comments} budgetLines={budgetLines} />, form ? 422 : 200);
  };
  app.get<CommitmentParams>('/plans/:id/commitments/:cid', pub, (request, reply) => showCommitment(request, reply));
  commentPublicRoutes(app, showCommitment);
}
