import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { publicBaseUrl } from '../../../platform/config/config.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { idempotent } from '../../../platform/http/idempotency.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import { addMessage, fileComplaint } from '../commands/complaint-commands.js';
import { notifyReporter } from '../commands/notify-reporter.js';
import { ensureRequestDefaults } from '../defaults.js';
import { categoriesOf, servicesOf } from '../queries/request-queries.js';
import { normaliseReference } from '../reference.js';
import { hashApiKey, verifyApiKey } from './api-keys.js';
import { parseFilterDate } from './datetime.js';
import { checkPost, neighbourhoodIn } from './post-request.js';
import { findPublicComplaints, type RequestFilter } from './request-list.js';
import { documentOf, formatOf, installOpen311Errors, Open311Error, sendDocument } from './respond.js';
import { type Reading, requestOf, serviceNotice, serviceOf, textIn } from './serialize.js';

/** The spec's default and ceiling: 90 days of requests, 1000 at most. */
const maxRangeDays = 90;
const maxRequests = 1000;
const dayMs = 86_400_000;
/** Each client key may file this many requests a minute: enough for an app, not for a flood. */
export const postsPerMinutePerKey = 30;
/** Version of what this API offers, for discovery's changeset (bump it when the service list format changes). */
const changeset = '2026-11-24T03:20:00Z';

type FormatParams = { Params: { format: string }; Querystring: Record<string, string | string[] | undefined> };
type CodeParams = { Params: { code: string; format: string } };
type IdParams = { Params: { id: string; format: string } };

const open = { config: { access: 'public' as const } };

const rateKey = (request: FastifyRequest) => {
  const key = (request.body as Record<string, unknown> | undefined)?.api_key;
  // Hashed so the limiter's memory never holds a usable key.
  return typeof key === 'string' && key ? `open311:${hashApiKey(key)}` : `open311-ip:${request.ip}`;
};

/**
 * Clients authenticate with the api_key field, never with a session cookie, so a forged cross-site POST gains
 * nothing: the CSRF check is off for this one route (the platform's `csrf: false` flag), and on everywhere else.
 */
const filing = { config: { access: 'public' as const, policy: 'open-filing' as const, csrf: false, rateLimit: { max: postsPerMinutePerKey, timeWindow: '1 minute', keyGenerator: rateKey } } };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

function readingOf(request: FastifyRequest): Reading {
  return { commune: communeOf(request), locale: request.locale, t: request.t, baseUrl: publicBaseUrl(request.server.platform.config) };
}

const commaList = (value: string | undefined): string[] | undefined => {
  const items = value?.split(',').map((item) => item.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
};

function statusesOf(value: string | undefined): RequestFilter['statuses'] {
  const statuses = commaList(value);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed, or both separated by a comma');
  return statuses as RequestFilter['statuses'];
}

function dateOf(value: string | undefined, name: string, edge: 'start' | 'end', timeZone: string): Date | undefined {
  if (!value) return undefined;
  const date = parseFilterDate(value, edge, timeZone);
  if (!date) throw new Open311Error(400, `${name} must be a W3C datetime with its time zone, e.g. 2026-01-31T00:00:00Z`);
  return date;
}

/** The date range: at most 90 days; one end given sets the other 90 days away; neither, the last 90 days. */
function rangeOf(query: Record<string, string | undefined>, timeZone: string, now: Date): { from: Date; to: Date } {
  const start = dateOf(query.start_date, 'start_date', 'start', timeZone);
  const end = dateOf(query.end_date, 'end_date', 'end', timeZone);
  const to = end ?? (start ? new Date(start.getTime() + maxRangeDays * dayMs) : now);
  const from = start ?? new Date(to.getTime() - maxRangeDays * dayMs);
  if (from > to) throw new Open311Error(400, 'start_date is after end_date');
  if (to.getTime() - from.getTime() > maxRangeDays * dayMs) throw new Open311Error(400, `The date range may not span more than ${maxRangeDays} days`);
  return { from, to };
}

/** The spec's GET requests filters: service_request_id (comma list) overrides every other one. */
function filterOf(raw: Record<string, string | string[] | undefined>, timeZone: string, now: Date): RequestFilter {
  // A parameter declared several times (status=open&status=closed) counts as its comma list.
  const query = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]));
  const ids = commaList(query.service_request_id);
  if (ids) {
    if (ids.length > maxRequests) throw new Open311Error(400, `At most ${maxRequests} service_request_id at once`);
    return { references: ids.map((id) => normaliseReference(id)).filter((id): id is string => !!id), limit: maxRequests };
  }
  const statuses = statusesOf(query.status);
  const serviceCodes = commaList(query.service_code);
  return { ...rangeOf(query, timeZone, now), ...(statuses ? { statuses } : {}), ...(serviceCodes ? { serviceCodes } : {}), limit: maxRequests };
}

function registerDiscoveryAndServices(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<FormatParams>('/discovery.:format', open, async (request, reply) => {
    const format = formatOf(request.params.format);
    const reading = readingOf(request);
    const site = `${reading.baseUrl}/${reading.commune.slug}`;
    const commune = textIn(reading, reading.commune.name);
    const discovery = {
      changeset,
      contact: request.t('requests.open311.contact', { commune, url: site }),
      key_service: request.t('requests.open311.key_service', { commune }),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${site}/open311/v2`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
    return sendDocument(reply, format, discovery, 'discovery', { endpoints: 'endpoint', formats: 'format' });
  });

  app.get<FormatParams>('/services.:format', open, async (request, reply) => {
    const format = formatOf(request.params.format);
    const reading = readingOf(request);
    await ensureRequestDefaults(db, reading.commune.id);
    const [categories, services] = await Promise.all([categoriesOf(db, reading.commune.id, { activeOnly: true }), servicesOf(db, reading.commune.id)]);
    return sendDocument(reply, format, categories.map((c) => serviceOf(reading, c, services)), 'services', { services: 'service' });
  });

  // Our categories ask for no extra field (metadata=false): the definition exists, with an empty attribute list.
  app.get<CodeParams>('/services/:code.:format', open, async (request, reply) => {
    const format = formatOf(request.params.format);
    const commune = communeOf(request);
    await ensureRequestDefaults(db, commune.id);
    const category = (await categoriesOf(db, commune.id, { activeOnly: true })).find((c) => c.code === request.params.code);
    if (!category) throw new Open311Error(404, `service_code ${request.params.code} was not found`);
    return sendDocument(reply, format, { service_code: category.code, attributes: [] }, 'service_definition', { attributes: 'attribute' });
  });
}

function registerRequestReading(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<FormatParams>('/requests.:format', open, async (request, reply) => {
    const format = formatOf(request.params.format);
    const reading = readingOf(request);
    const complaints = await findPublicComplaints(db, reading.commune.id, filterOf(request.query, reading.commune.time_zone, new Date()));
    return sendDocument(reply, format, complaints.map((c) => requestOf(reading, c)), 'service_requests', { service_requests: 'request' });
  });

  // A private or sensitive request, or another commune's, does not exist here.
  app.get<IdParams>('/requests/:id.:format', open, async (request, reply) => {
    const format = formatOf(request.params.format);
    const reading = readingOf(request);
    const reference = normaliseReference(request.params.id);
    const [complaint] = reference ? await findPublicComplaints(db, reading.commune.id, { references: [reference], limit: 1 }) : [];
    if (!complaint) throw new Open311Error(404, `service_request_id ${request.params.id} was not found`);
    return sendDocument(reply, format, [requestOf(reading, complaint)], 'service_requests', { service_requests: 'request' });
  });
}

async function fileFromClient(request: FastifyRequest, reply: FastifyReply, format: ReturnType<typeof formatOf>) {
  const { platform } = request.server;
  const reading = readingOf(request);
  const { commune } = reading;
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  const key = typeof body.api_key === 'string' ? await verifyApiKey(platform.db, commune.id, body.api_key) : undefined;
  if (!key) throw new Open311Error(403, 'Invalid or missing api_key: ask the commune for one');
  await ensureRequestDefaults(platform.db, commune.id);
  const [categories, neighbourhoods] = await Promise.all([categoriesOf(platform.db, commune.id, { activeOnly: true }), communeNeighbourhoods(platform.db, commune.id)]);
  const post = checkPost(body, commune, categories);
  // Idempotent when the client sends an Idempotency-Key header (issue 12): a retry after a lost answer gets the
  // first answer (same service_request_id), one complaint stored. Keys are the API client's, not the address's.
  return idempotent(request, reply, 'requests.open311', async (tx) => {
    const { request: filed, accessCode } = await fileComplaint(tx, commune, {
      categoryId: post.category.id,
      // Our complaints always carry a text: without one, the service's name says what it is about.
      description: post.description ?? textIn({ ...reading, locale: commune.default_locale }, post.category.name),
      neighbourhood: neighbourhoodIn(post.address, neighbourhoods),
      latitude: post.latitude,
      longitude: post.longitude,
      address: post.address,
      photoFileId: null,
      wantsPrivacy: false,
      channel: 'open311',
      reporter: { userId: null, name: post.reporterName, phone: post.phone, email: post.email, locale: request.locale },
    });
    // We do not fetch other sites' media: staff see the link in an internal note (in the commune's language) and may open it.
    const staffT = platform.messages.translator(commune.default_locale);
    if (post.mediaUrl) await addMessage(tx, filed, { author: 'system', actorUserId: null, body: staffT('requests.open311.media_note', { url: post.mediaUrl }), isPublic: false });
    await recordAudit(tx, { communeId: commune.id, actorUserId: null, action: 'requests.open311.filed', resourceType: 'request', resourceId: filed.id, ip: request.ip, details: { api_key_id: key.id } });
    const answer = [{ service_request_id: filed.reference, service_notice: serviceNotice(reading, post.category.response_days), account_id: null }];
    return { statusCode: 200, ...documentOf(format, answer, 'service_requests', { service_requests: 'request' }), afterCommit: async () => void (await notifyReporter(platform, commune, filed, 'filed', { code: accessCode })) };
  }, { owner: `open311:${key.id}` });
}

/** The Open311 GeoReport v2 API of one commune, under /<commune>/open311/v2 (see docs/modules/requests.md). */
export async function open311Routes(app: FastifyInstance): Promise<void> {
  installOpen311Errors(app);
  registerDiscoveryAndServices(app);
  registerRequestReading(app);
  app.post<FormatParams>('/requests.:format', filing, async (request, reply) => fileFromClient(request, reply, formatOf(request.params.format)));
  // Any other path under the API is a resource that does not exist, answered in the spec's error format.
  app.route({ method: ['GET', 'POST'], url: '/*', config: { access: 'public', policy: 'read-only', csrf: false }, handler: async () => { throw new Open311Error(404, 'Unknown resource'); } });
}
