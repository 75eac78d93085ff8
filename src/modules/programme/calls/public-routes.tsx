import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { toCsv } from '../../../platform/http/csv.js';
import { sendPage } from '../../../platform/http/render.js';
import { teamStanding } from '../permissions.js';
import { applicationOf } from './apply-routes.js';
import { CallActions, TeamLink } from './call-actions.js';
import { CallListPage, CallPage } from './public-views.js';
import { callBySlug, callFields, publishedCalls } from './queries.js';
import { callStatistics } from './statistics.js';
import { StatisticsPage } from './statistics-views.js';

const everyone = { config: { access: 'public' as const } };
type SlugParams = { Params: { slug: string } };

/** A call as the public may see it: a draft is the operator's until published, and a 404 to everyone else. */
async function visibleCall(request: FastifyRequest, slug: string) {
  const { db } = request.server.platform;
  const call = await callBySlug(db, slug);
  if (!call || (!call.published_at && !(await teamStanding(db, request.actor)).operator)) throw new AppError('NOT_FOUND');
  return call;
}

function registerStatistics(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<SlugParams>('/network/programme/calls/:slug/statistics', everyone, async (request, reply) => {
    const call = await visibleCall(request, request.params.slug);
    const stats = await callStatistics(db, call);
    return sendPage(request, reply, (ctx) => <StatisticsPage ctx={ctx} call={call} stats={stats} />);
  });
  app.get<SlugParams>('/network/programme/calls/:slug/statistics.csv', everyone, async (request, reply) => {
    const call = await visibleCall(request, request.params.slug);
    const stats = await callStatistics(db, call);
    const figure = (n: { exact: number } | { fewerThan: number }) => ('exact' in n ? n.exact : `<${n.fewerThan}`);
    const rows = [
      ['dimension', 'category', 'applications'],
      ['total', 'submitted', stats.submitted],
      ['total', 'shortlisted', stats.shortlisted],
      ['total', 'selected', stats.selected],
      ...stats.byCountry.map(([k, n]) => ['country', k, figure(n)]),
      ...stats.byGender.map(([k, n]) => ['gender', k, figure(n)]),
      ...stats.byAge.map(([k, n]) => ['age', k, figure(n)]),
    ];
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${call.slug}-statistics.csv"`).send(toCsv(rows, { bom: false }));
  });
}

/** The programme's public face: its calls, open and past, each with what it offers and what it asks. */
export function callPublicRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/network/programme', everyone, async (request, reply) => {
    const [calls, standing] = await Promise.all([publishedCalls(db), teamStanding(db, request.actor)]);
    return sendPage(request, reply, (ctx) => (
      <CallListPage ctx={ctx} calls={calls} now={new Date()}>
        <TeamLink ctx={ctx} standing={standing} />
      </CallListPage>
    ));
  });
  app.get<SlugParams>('/network/programme/calls/:slug', everyone, async (request, reply) => {
    const call = await visibleCall(request, request.params.slug);
    const fields = await callFields(db, call.id);
    const application = request.actor.user ? await applicationOf(db, call.id, request.actor.user.id) : undefined;
    return sendPage(request, reply, (ctx) => (
      <CallPage ctx={ctx} call={call} fields={fields} now={new Date()}>
        <CallActions ctx={ctx} call={call} application={application} now={new Date()} />
      </CallPage>
    ));
  });
  registerStatistics(app);
}
