import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildViewContext, type ViewContext } from '../views/view-context.js';
import { notePage } from './page-cache.js';

/** Sends a server-rendered page; views are functions of a ViewContext. */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  view: (ctx: ViewContext) => JSX.Element,
  status = 200,
): Promise<FastifyReply> {
  notePage(request);
  const html = await view(buildViewContext(request));
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export const flashCookieName = 'palabre_flash';

/** A one-time translated message for the next page (the redirect after a successful POST). */
export function setFlash(reply: FastifyReply, messageKey: string): FastifyReply {
  return reply.setCookie(flashCookieName, messageKey, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

/** Redirects after a successful POST, with a one-time translated message for the next page. */
export function redirectWithFlash(reply: FastifyReply, location: string, messageKey: string): FastifyReply {
  setFlash(reply, messageKey);
  return reply.redirect(location, 303);
}
