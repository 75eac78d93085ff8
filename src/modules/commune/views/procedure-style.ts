import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// A file rather than inline rules: the CSP forbids inline styles. Its name changes with its content.
const rules = readFileSync(new URL('./procedure.css', import.meta.url), 'utf8');
const version = createHash('sha256').update(rules).digest('hex').slice(0, 12);

/** Path, under the commune, of the services' stylesheet (grouped list, and the one-page print of a procedure). */
export const procedureStylePath = `/services/assets/procedure.${version}.css`;

export function registerProcedureStyle(app: FastifyInstance): void {
  app.get(procedureStylePath, { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(rules),
  );
}
