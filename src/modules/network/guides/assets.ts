import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// A file rather than inline rules: the CSP forbids inline styles. Its name changes with its content.
const source = readFileSync(new URL('./guide.css', import.meta.url), 'utf8');
const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);

/** Path of the guides' stylesheet (table of contents, and the print rules). */
export const guideStylePath = `/network/guides/assets/guide.${hash}.css`;

export function registerGuideStyle(app: FastifyInstance): void {
  app.get(guideStylePath, { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(source),
  );
}
