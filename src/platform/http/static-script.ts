import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** A page's small script, served as a file (the CSP forbids inline scripts) whose name changes with its content. */
export interface StaticScript {
  /** Path under the scope it is registered in, e.g. `/budgets/assets/ballot.1a2b3c4d5e6f.js`. */
  path: string;
  source: string;
}

export function staticScript(folder: string, name: string, source: string): StaticScript {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  return { path: `${folder}/${name}.${hash}.js`, source };
}

/** Serves the script, cached for a year: a change of content is a new address. */
export function registerStaticScript(app: FastifyInstance, script: StaticScript): void {
  app.get(script.path, { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(script.source),
  );
}
