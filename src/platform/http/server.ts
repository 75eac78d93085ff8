import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseQueryString } from 'node:querystring';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { hasRole } from '../permissions/actor.js';
import { installDecisionRecording, recordDecision } from '../permissions/decisions.js';
import type { PolicyExemption, RouteAccess } from '../permissions/route-access.js';
import { registerFileRoutes } from '../storage/uploads.js';
import { assetState } from '../views/view-context.js';
import type { PlatformServices } from './context.js';
import { verifyCsrf } from './csrf.js';
import { AppError } from './errors.js';
import { installErrorHandling } from './error-handler.js';
import { refuseUnprintableParams } from './path-params.js';
import { installRequestContext } from './request-context.js';
import { installPageCacheHeaders } from './page-cache.js';
import { ensureRateLimitTable, postgresRateLimitStore } from './rate-limit-store.js';

export interface ServerOptions {
  logger?: boolean | object;
  /** Absolute path of the stylesheet to serve with a content hash. */
  stylesheetPath: string;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** Why the route needs no policy rule (config.policy), when it declares one. */
  policy?: PolicyExemption;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the table-driven authorisation tests. */
    registeredRoutes: RegisteredRoute[];
  }
}

/** A route without a declared access rule is a bug: refuse it at registration, so tests catch it. */
function recordDeclaredAccess(routes: RegisteredRoute[], route: RouteOptions): void {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
  if (methods.length === 0) return;
  const access = route.config?.access;
  if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no config.access`);
  const policy = route.config?.policy;
  for (const method of methods) routes.push({ method, url: route.url, access, ...(policy ? { policy } : {}) });
}

export function checkAccess(request: FastifyRequest, access: RouteAccess): void {
  const { actor, commune } = request;
  if (access === 'public') return;
  if (!actor.user) throw new AppError('SIGN_IN_REQUIRED');
  if (access === 'signed-in') return;
  if (access === 'platform-admin') {
    recordDecision('access:platform-admin');
    if (!actor.isPlatformAdmin) throw new AppError('FORBIDDEN', 'platform admin only');
    return;
  }
  if (!commune) throw new AppError('FORBIDDEN', 'commune role outside a commune');
  recordDecision('access:commune-roles');
  if (actor.isPlatformAdmin || hasRole(actor, commune.id, ...access.communeRoles)) return;
  throw new AppError('FORBIDDEN', `needs ${access.communeRoles.join('|')} in ${commune.slug}`);
}

function serveStylesheet(app: FastifyInstance, path: string): void {
  const css = readFileSync(path);
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  assetState.cssHref = `/assets/app.${hash}.css`;
  app.get(assetState.cssHref, { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(css),
  );
}

// C0 controls other than tab and line breaks, and DEL: nobody types them on purpose, and PostgreSQL refuses NUL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const withoutControls = (value: string) => value.replace(controlCharacters, '');

/** Form bodies (and query strings) with control characters removed from every value, so stored text is printable. */
export function parseFormBody(body: string): Record<string, string | string[]> {
  const parsed: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(parseQueryString(body))) {
    if (value !== undefined) parsed[withoutControls(key)] = Array.isArray(value) ? value.map(withoutControls) : withoutControls(value);
  }
  return parsed;
}

async function registerPlugins(app: FastifyInstance, services: PlatformServices): Promise<void> {
  await app.register(cookie, { secret: services.config.sessionSecret });
  await app.register(formbody, { bodyLimit: 1024 * 1024, parser: parseFormBody });
  await app.register(multipart, { limits: { fileSize: services.config.uploadMaxBytes, files: 5, fields: 50 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: services.config.env === 'production',
  });
  await app.register(compress, { global: true, threshold: 512, brotliOptions: { params: { 1: 4 } } });
  // Counters in the database, shared by every app process (docs/deploy.md).
  await ensureRateLimitTable(services.db);
  await app.register(rateLimit, {
    global: true,
    store: postgresRateLimitStore(services.db),
    max: services.config.postRateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (request) => request.method === 'GET' || request.method === 'HEAD',
    // After the request context, so per-route limits can count per signed-in person, not only per address.
    hook: 'preHandler',
  });
}

export async function buildServer(services: PlatformServices, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: services.config.trustProxy,
    // Query strings are cleaned like form bodies: a NUL typed in a URL must not reach PostgreSQL (found by the fuzz suite).
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseFormBody },
  });
  app.decorate('platform', services);
  app.decorate('registeredRoutes', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => recordDeclaredAccess(app.registeredRoutes, route));
  await registerPlugins(app, services);
  app.addHook('onRequest', refuseUnprintableParams);
  installRequestContext(app);
  installPageCacheHeaders(app);
  app.addHook('preValidation', verifyCsrf);
  installDecisionRecording(app, services.config.env === 'test');
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access) checkAccess(request, access);
  });
  installErrorHandling(app);
  serveStylesheet(app, options.stylesheetPath);
  registerFileRoutes(app);
  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(services.db);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: services.databaseKind });
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: services.databaseKind });
    }
  });
  return app;
}
