import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Which pages a shared cache in front of the app (the reverse proxy of docs/deploy.md) may keep for a few seconds:
 * those that are the same for every visitor of one language — shown to nobody signed in, carrying no form (so no
 * CSRF token), setting no cookie. The rest say `no-store`. A radio announcement that sends the town to the commune's
 * home page is then served by the proxy, not rendered once per visitor. No cache lives in the app's processes.
 */
const pages = new WeakSet<FastifyRequest>();
const formsShown = new WeakSet<FastifyRequest>();

/** A server-rendered page is being sent (render.ts). */
export const notePage = (request: FastifyRequest) => void pages.add(request);
/** The page carries the visitor's CSRF token: it is theirs alone. */
export const noteFormShown = (request: FastifyRequest) => void formsShown.add(request);

function sameForEveryone(request: FastifyRequest, statusCode: number, setsCookie: boolean): boolean {
  return (
    pages.has(request) &&
    (request.method === 'GET' || request.method === 'HEAD') &&
    statusCode === 200 &&
    !request.actor.user &&
    !request.sessionToken &&
    !formsShown.has(request) &&
    !setsCookie
  );
}

/** After the cookie plugin has written its headers: upgrades `no-store` to a short shared lifetime where safe. */
export function installPageCacheHeaders(app: FastifyInstance): void {
  const seconds = app.platform.config.pageCacheSeconds;
  if (seconds <= 0) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (sameForEveryone(request, reply.statusCode, reply.hasHeader('set-cookie'))) {
      // Browsers check again each time (max-age=0); shared caches keep it `seconds`, one copy per language.
      reply.header('cache-control', `public, max-age=0, s-maxage=${seconds}`).header('vary', 'Accept-Language, Cookie');
    }
    return payload;
  });
}
