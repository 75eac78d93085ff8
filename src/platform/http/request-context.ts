import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromSession, sessionCookieName } from '../auth/session-store.js';
import { negotiateLocale, type Translate } from '../i18n/i18n.js';
import { isLocale } from '../i18n/locales.js';
import { anonymousActor, backOfficeRoles, hasRole } from '../permissions/actor.js';
import { ensureCsrfToken } from './csrf.js';
import { noteFormShown } from './page-cache.js';
import { AppError } from './errors.js';
import { flashCookieName } from './render.js';

export const localeCookieName = 'palabre_lang';
const oneYearSeconds = 365 * 24 * 3600;

async function resolveCommune(request: FastifyRequest): Promise<void> {
  const slug = (request.params as Record<string, string> | undefined)?.commune;
  if (!slug) return;
  const commune = await request.server.platform.db
    .selectFrom('communes')
    .selectAll()
    .where('slug', '=', slug.toLowerCase())
    .executeTakeFirst();
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND', slug);
  request.commune = commune;
}

/** A ?lang= link is an explicit choice: remember it in a cookie (and the account), then drop it from the URL. */
async function persistExplicitLocale(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const explicit = (request.query as Record<string, unknown> | undefined)?.lang;
  if (request.method !== 'GET' || !isLocale(explicit)) return false;
  const secure = request.server.platform.config.env === 'production';
  reply.setCookie(localeCookieName, explicit, { path: '/', maxAge: oneYearSeconds, sameSite: 'lax', httpOnly: true, secure });
  const user = request.actor.user;
  if (user && user.preferred_locale !== explicit) {
    await request.server.platform.db.updateTable('users').set({ preferred_locale: explicit }).where('id', '=', user.id).execute();
  }
  const url = new URL(request.url, 'http://local');
  url.searchParams.delete('lang');
  reply.redirect(`${url.pathname}${url.search}`, 303);
  return true;
}

function readFlash(request: FastifyRequest, reply: FastifyReply): string | null {
  const flash = request.cookies[flashCookieName];
  if (!flash) return null;
  reply.clearCookie(flashCookieName, { path: '/' });
  return /^[a-z][\w.-]+$/.test(flash) ? flash : null;
}

/** Fills request.actor, commune, locale, t and the CSRF token's issuer before any handler runs. */
export function installRequestContext(app: FastifyInstance): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('commune', null);
  app.decorateRequest('csrfToken', () => '');
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    const { config, db, messages } = app.platform;
    request.actor = anonymousActor;
    request.locale = negotiateLocale({
      cookie: request.cookies[localeCookieName],
      acceptLanguage: request.headers['accept-language'],
    });
    request.t = messages.translator(request.locale);
    const token = request.cookies[sessionCookieName];
    if (token) {
      request.sessionToken = token;
      request.actor = (await actorFromSession(db, token)) ?? anonymousActor;
    }
    await resolveCommune(request);
    request.locale = negotiateLocale({
      cookie: request.cookies[localeCookieName],
      account: request.actor.user?.preferred_locale,
      acceptLanguage: request.headers['accept-language'],
      communeDefault: request.commune?.default_locale,
    });
    request.t = messages.translator(request.locale);
    let csrfToken: string | undefined;
    request.csrfToken = () => {
      noteFormShown(request);
      return (csrfToken ??= ensureCsrfToken(request, reply, config.env === 'production'));
    };
    (request as { flash?: string | null }).flash = readFlash(request, reply);
    if (await persistExplicitLocale(request, reply)) return reply;
  });
}

/** True when the actor may use the commune's back-office at all (finer checks are the policies'). */
export function canEnterBackOffice(request: FastifyRequest): boolean {
  const { actor, commune } = request;
  return !!commune && (actor.isPlatformAdmin || hasRole(actor, commune.id, ...backOfficeRoles));
}
