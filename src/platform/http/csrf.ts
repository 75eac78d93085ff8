import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export const csrfCookieName = 'palabre_csrf';
export const csrfFieldName = '_csrf';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false for machine endpoints (webhooks) that authenticate otherwise. */
    csrf?: boolean;
  }
}

/**
 * Double-submit token: an HttpOnly SameSite cookie holds a random value that every form repeats.
 * A cross-site page can neither read the cookie nor guess the value.
 */
export function ensureCsrfToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = request.cookies[csrfCookieName];
  if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(csrfCookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  return token;
}

function submittedToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[csrfFieldName] : undefined;
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.[csrfFieldName];
  const header = request.headers['x-csrf-token'];
  const candidate = fromBody ?? fromQuery ?? header;
  return typeof candidate === 'string' ? candidate : undefined;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Multipart forms carry the token in the action URL's query, as their body is read later as a stream. */
export async function verifyCsrf(request: FastifyRequest): Promise<void> {
  if (!unsafeMethods.has(request.method) || request.routeOptions.config.csrf === false) return;
  const expected = request.cookies[csrfCookieName];
  const submitted = submittedToken(request);
  if (!expected || !submitted || expected.length !== submitted.length) throw new AppError('CSRF_INVALID');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(submitted))) throw new AppError('CSRF_INVALID');
}
