import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { planProgress } from '../plans/queries.js';
import { findForum, forumMembers, meetingRecords, planChoices, planCompliance, planEndorsements } from './queries.js';
import { CompliancePage, ForumPage } from './public-views.js';

const pub = { config: { access: 'public' as const } };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** The forum's public record, and each published plan's OGP Local checklist. */
export function forumPublicRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get('/forum', pub, async (request, reply) => {
    const commune = communeOf(request);
    const [forum, members, meetings, endorsements, plans] = await Promise.all([findForum(db, commune.id), forumMembers(db, commune.id), meetingRecords(db, commune.id), planEndorsements(db, commune.id), planChoices(db, commune.id)]);
    // Only published plans are public, and so are only their endorsements.
    const published = plans.filter((p) => p.state === 'published');
    const withPlans = endorsements.flatMap((e) => {
      const plan = published.find((p) => p.id === e.plan_id);
      return plan ? [{ ...e, planTitle: plan.title }] : [];
    });
    return sendPage(request, reply, (ctx) => <ForumPage ctx={ctx} props={{ forum, members, meetings, endorsements: withPlans }} />);
  });

  app.get<{ Params: { id: string } }>('/plans/:id/compliance', pub, async (request, reply) => {
    const commune = communeOf(request);
    const progress = await planProgress(db, commune.id, request.params.id, { publishedOnly: true });
    if (!progress) throw new AppError('NOT_FOUND');
    const [items, meetings] = await Promise.all([planCompliance(db, commune.id, progress.plan.id, commune.time_zone), meetingRecords(db, commune.id, { planId: progress.plan.id })]);
    return sendPage(request, reply, (ctx) => <CompliancePage ctx={ctx} plan={progress.plan} items={items ?? []} meetings={meetings} />);
  });
}
