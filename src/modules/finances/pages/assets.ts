import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// A file rather than inline rules: the CSP forbids inline styles. Its name changes with its content.
const source = readFileSync(new URL('./finances.css', import.meta.url), 'utf8');
const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);

/** Path of the finances stylesheet under the commune (screen layout of the figures, and the one-page print). */
export const financesStylePath = `/finances/assets/finances.${hash}.css`;

export function registerFinancesStyle(app: FastifyInstance): void {
  app.get(financesStylePath, { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(source),
  );
}
