import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../../../platform/config/config.js';
import type { Commune } from '../../../../platform/db/platform-tables.js';
import { type ActionScope, actions } from './actions.js';
import { actionBase, helpUrl, installCkanErrors, sendResult, UnknownActionError } from './envelope.js';
import type { Params } from './params.js';

type ActionRequest = FastifyRequest<{ Params: { action: string }; Querystring: Params }>;

/** Harvesters page through whole catalogues: a generous allowance, but a bounded one, for POSTed calls. */
const postsPerMinute = 600;

const reading = { config: { access: 'public' as const } };
/**
 * CKAN clients (ckanapi, ckanext-harvest) POST a JSON body with no cookie and no token. Every action here only
 * reads public data, so a forged cross-site POST gains nothing: CSRF is off for these routes (`csrf: false`).
 */
const posting = { config: { access: 'public' as const, policy: 'read-only' as const, csrf: false, rateLimit: { max: postsPerMinute, timeWindow: '1 minute' } } };

/** A GET's query string or a POST's JSON object (CKAN reads the body of a POST, never its query string). */
function paramsOf(request: ActionRequest): Params {
  if (request.method !== 'POST') return request.query;
  const body = request.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw Object.assign(new Error('Request data JSON decoded to a value that is not a dictionary'), { statusCode: 400 });
  return body as Params;
}

async function scopeOf(request: FastifyRequest, commune: Commune | null): Promise<ActionScope> {
  const services = request.server.platform;
  const baseUrl = publicBaseUrl(services.config);
  const communes = commune ? [commune] : await services.db.selectFrom('communes').selectAll().orderBy('slug').execute();
  const actionPath = new URL(actionBase(baseUrl, commune?.slug ?? null)).pathname;
  return {
    services,
    commune,
    publication: { baseUrl, communes: new Map(communes.map((c) => [c.slug, c])), now: new Date() },
    actionBase: actionBase(baseUrl, commune?.slug ?? null),
    actionPath,
  };
}

/** The action base named by the URL itself, so even an unknown commune's error points at the URL called. */
function baseOfRequest(request: FastifyRequest): string {
  const prefix = request.url.split(/\/api\/(?:3\/)?action/)[0] ?? '';
  return `${publicBaseUrl(request.server.platform.config)}${prefix}/api/3/action`;
}

async function answer(request: ActionRequest, reply: FastifyReply): Promise<FastifyReply> {
  const name = request.params.action;
  const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
  if (!action) throw new UnknownActionError(name);
  const scope = await scopeOf(request, request.commune);
  const result = await action(scope, paramsOf(request));
  return sendResult(reply, helpUrl(scope.actionBase, name), result);
}

/** `/api/3/action/<action>` (and `/api/action/<action>`) inside the scope it is registered in (a commune's, or the install's). */
async function actionRoutes(app: FastifyInstance): Promise<void> {
  installCkanErrors(app, baseOfRequest);
  // CKAN serves the unversioned path too, and ckanapi's RemoteCKAN calls it (`/api/action/<action>`).
  for (const path of ['/api/3/action/:action', '/api/action/:action']) {
    app.get<{ Params: { action: string }; Querystring: Params }>(path, reading, answer);
    app.post<{ Params: { action: string }; Querystring: Params }>(path, posting, answer);
  }
}

/** Per commune: `/<commune>/api/3/action/…`, one organization and its datasets. */
export async function ckanCommuneRoutes(app: FastifyInstance): Promise<void> {
  await app.register(actionRoutes);
}

/** Install-wide: `/api/3/action/…`, every commune as an organization (the network portal). */
export async function ckanNetworkRoutes(app: FastifyInstance): Promise<void> {
  await app.register(actionRoutes);
}
