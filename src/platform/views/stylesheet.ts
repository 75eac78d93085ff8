import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

export interface ModuleStylesheet {
  /** Where it is served (relative to the scope it is registered in); the name changes with the content. */
  path: string;
  register(app: FastifyInstance): void;
}

/**
 * A module's own stylesheet (a file rather than inline rules: the CSP forbids inline styles), served for a year
 * under a name that carries a hash of its content.
 */
export function moduleStylesheet(file: URL, folder: string, name: string): ModuleStylesheet {
  const css = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  const path = `${folder}/${name}.${hash}.css`;
  return {
    path,
    register: (app) => {
      app.get(path, { config: { access: 'public' } }, async (_request, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(css),
      );
    },
  };
}
