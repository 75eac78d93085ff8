import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { teamStanding } from '../permissions.js';
import { CallListPage, CallPage } from './public-views.js';
import { callBySlug, callFields, publishedCalls } from './queries.js';

const everyone = { config: { access: 'public' as const } };

/** The programme's public face: its calls, open and past, each with what it offers and what it asks. */
export function callPublicRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/network/programme', everyone, async (request, reply) => {
    const calls = await publishedCalls(db);
    return sendPage(request, reply, (ctx) => <CallListPage ctx={ctx} calls={calls} now={new Date()} />);
  });
  app.get<{ Params: { slug: string } }>('/network/programme/calls/:slug', everyone, async (request, reply) => {
    const call = await callBySlug(db, request.params.slug);
    // A draft is the operator's until published: others get the same 404 as a call that does not exist.
    if (!call || (!call.published_at && !(await teamStanding(db, request.actor)).operator)) throw new AppError('NOT_FOUND');
    const fields = await callFields(db, call.id);
    return sendPage(request, reply, (ctx) => <CallPage ctx={ctx} call={call} fields={fields} now={new Date()} />);
  });
}
