import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

// C0 controls and DEL: no slug, id or file name holds one, and PostgreSQL refuses NUL in text outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u001F\u007F]/;
// Lone UTF-16 surrogates (from percent-encoded invalid UTF-8) cannot be stored or compared as text either.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/**
 * A path parameter with a control character or broken Unicode names nothing: answer "not found" before any
 * handler passes it to the database (found by the fuzz suite, src/fuzz/hostile-routes.test.ts).
 */
export async function refuseUnprintableParams(request: FastifyRequest): Promise<void> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const value of Object.values(params)) {
    if (typeof value === 'string' && (controlCharacter.test(value) || loneSurrogate.test(value))) throw new AppError('NOT_FOUND', 'unprintable path parameter');
  }
}
