import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormState } from '../http/forms.js';
import { fields, parseForm } from '../http/forms.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { localeCookieName } from '../http/request-context.js';
import { isLocale, locales, pickLocalized } from '../i18n/locales.js';
import { backOfficeRoles, reviewerRoles } from '../permissions/actor.js';
import { maskIdentifier, parseIdentifier, type SignInIdentifier } from './identifier.js';
import { requestCode, verifyCode } from './one-time-code.js';
import { activeRoles, createSession, destroyAllSessions, destroySession, sessionCookieName } from './session-store.js';
import { inclusionShape } from './inclusion-fields.js';
import { AccountPage, CodePage, SignInPage } from './views.js';

const pendingCookie = 'palabre_signin';
const pub = { config: { access: 'public' as const, policy: 'own-account' as const } };
const signedIn = { config: { access: 'signed-in' as const, policy: 'own-account' as const } };
const strict = { config: { access: 'public' as const, policy: 'own-account' as const, rateLimit: { max: 10, timeWindow: '1 minute' } } };

interface PendingSignIn {
  identifier: SignInIdentifier;
  returnTo: string;
  commune: string;
}

/** Only paths on this site: "//evil.example" and absolute URLs are refused (no open redirect). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length < 500 ? value : '/';
}

const examples: Record<string, string> = { SN: '77 123 45 67', MA: '06 12 34 56 78', GN: '621 12 34 56', GW: '955 123 456', NE: '90 12 34 56', BJ: '01 90 12 34 56', BF: '70 12 34 56', TN: '20 123 456' };

async function communeCountry(request: FastifyRequest, slug: string): Promise<string> {
  if (!slug) return 'SN';
  const commune = await request.server.platform.db.selectFrom('communes').select('country').where('slug', '=', slug).executeTakeFirst();
  return commune?.country ?? 'SN';
}

function readPending(request: FastifyRequest): PendingSignIn | null {
  const raw = request.cookies[pendingCookie];
  const unsigned = raw ? request.unsignCookie(raw) : null;
  if (!unsigned?.valid || !unsigned.value) return null;
  try {
    return JSON.parse(unsigned.value) as PendingSignIn;
  } catch {
    return null;
  }
}

async function showSignIn(request: FastifyRequest, reply: FastifyReply, form: FormState, pending: { returnTo: string; commune: string }, status = 200) {
  const example = examples[await communeCountry(request, pending.commune)] ?? examples.SN!;
  return sendPage(request, reply, (ctx) => <SignInPage ctx={ctx} form={form} returnTo={pending.returnTo} commune={pending.commune} example={example} />, status);
}

async function demoCode(request: FastifyRequest, recipient: string): Promise<string | null> {
  if (!request.server.platform.config.demoMode) return null;
  const message = await request.server.platform.db.selectFrom('outbox_messages').select('body').where('recipient', '=', recipient).where('purpose', '=', 'otp').orderBy('created_at', 'desc').orderBy('id').executeTakeFirst();
  return message ? (/\d{6}/.exec(message.body)?.[0] ?? null) : null;
}

async function showCode(request: FastifyRequest, reply: FastifyReply, pending: PendingSignIn, form: FormState, status = 200) {
  const code = await demoCode(request, pending.identifier.value);
  return sendPage(request, reply, (ctx) => <CodePage ctx={ctx} form={form} masked={maskIdentifier(pending.identifier.value)} demoCode={code} />, status);
}

function registerSignIn(app: FastifyInstance): void {
  const secure = app.platform.config.env === 'production';
  app.get('/sign-in', pub, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const commune = typeof query.commune === 'string' ? query.commune.slice(0, 80) : '';
    return showSignIn(request, reply, { values: {}, errors: {} }, { returnTo: safeReturnPath(query.return), commune });
  });

  app.post('/sign-in', strict, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const pending = { returnTo: safeReturnPath(body.return), commune: String(body.commune ?? '').slice(0, 80) };
    const country = await communeCountry(request, pending.commune);
    const identifier = parseIdentifier(String(body.identifier ?? ''), country);
    if (!identifier) return showSignIn(request, reply, { values: { identifier: body.identifier }, errors: { identifier: 'auth.signin.invalid_identifier' } }, pending, 422);
    const communeId = pending.commune ? ((await app.platform.db.selectFrom('communes').select('id').where('slug', '=', pending.commune).executeTakeFirst())?.id ?? null) : null;
    const result = await requestCode(app.platform.db, app.platform.messageSender, { identifier, ip: request.ip, communeId, locale: request.locale });
    if (result === 'rate_limited') return showSignIn(request, reply, { values: { identifier: body.identifier }, errors: { identifier: 'auth.signin.too_many_codes' } }, pending, 429);
    const value = JSON.stringify({ identifier, ...pending } satisfies PendingSignIn);
    reply.setCookie(pendingCookie, value, { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 600 });
    return reply.redirect('/sign-in/code', 303);
  });

  app.get('/sign-in/code', pub, async (request, reply) => {
    const pending = readPending(request);
    if (!pending) return reply.redirect('/sign-in', 303);
    return showCode(request, reply, pending, { values: {}, errors: {} });
  });

  app.post('/sign-in/code', strict, async (request, reply) => {
    const pending = readPending(request);
    if (!pending) return reply.redirect('/sign-in', 303);
    const code = String((request.body as Record<string, unknown>)?.code ?? '').replace(/\s/g, '');
    const user = await verifyCode(app.platform.db, { identifier: pending.identifier, code, ip: request.ip });
    if (!user) return showCode(request, reply, pending, { values: {}, errors: { code: 'auth.code.invalid' } }, 422);
    const roles = await activeRoles(app.platform.db, user.id);
    // Assessors sign public statements about the commune: they get the short staff session too.
    const isStaff = user.is_platform_admin || [...roles.values()].some((set) => [...backOfficeRoles, ...reviewerRoles].some((role) => set.has(role)));
    const session = await createSession(app.platform.db, { userId: user.id, kind: isStaff ? 'staff' : 'citizen', ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    reply.setCookie(sessionCookieName, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt });
    reply.clearCookie(pendingCookie, { path: '/' });
    return reply.redirect(user.display_name ? pending.returnTo : '/account?welcome=1', 303);
  });

  app.post('/sign-out', pub, async (request, reply) => {
    if (request.sessionToken) await destroySession(app.platform.db, request.sessionToken);
    reply.clearCookie(sessionCookieName, { path: '/' });
    return redirectWithFlash(reply, '/', 'auth.signed_out');
  });
}

const accountSchema = z.object({
  display_name: fields.optionalText(80),
  neighbourhood: fields.optionalText(120),
  preferred_locale: z.enum(locales),
  ...inclusionShape,
});

async function accountProps(request: FastifyRequest, form: FormState) {
  const user = request.actor.user!;
  const grants = await request.server.platform.db
    .selectFrom('role_grants')
    .innerJoin('communes', 'communes.id', 'role_grants.commune_id')
    .select(['communes.name', 'communes.slug', 'role_grants.role'])
    .where('role_grants.user_id', '=', user.id)
    .where('role_grants.revoked_at', 'is', null)
    .orderBy('communes.slug')
    .orderBy('role_grants.role')
    .execute();
  const roles = grants.map((g) => ({ commune: pickLocalized(g.name, request.locale, locales)?.value ?? g.slug, role: g.role }));
  const welcome = (request.query as Record<string, unknown>).welcome === '1';
  return { form, identifier: user.phone_e164 ?? user.email ?? '', welcome, roles };
}

function registerAccount(app: FastifyInstance): void {
  app.get('/account', signedIn, async (request, reply) => {
    const user = request.actor.user!;
    const values = { display_name: user.display_name ?? '', neighbourhood: user.neighbourhood ?? '', preferred_locale: user.preferred_locale ?? request.locale, gender: user.gender ?? '', age_band: user.age_band ?? '' };
    const props = await accountProps(request, { values, errors: {} });
    return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} props={props} />);
  });

  app.post('/account', signedIn, async (request, reply) => {
    const result = parseForm(accountSchema, request.body);
    if (!result.ok) {
      const props = await accountProps(request, result.form as FormState);
      return sendPage(request, reply, (ctx) => <AccountPage ctx={ctx} props={props} />, 422);
    }
    const { data } = result;
    await app.platform.db
      .updateTable('users')
      .set({ display_name: data.display_name ?? null, neighbourhood: data.neighbourhood ?? null, preferred_locale: data.preferred_locale, gender: data.gender, age_band: data.age_band })
      .where('id', '=', request.actor.user!.id)
      .execute();
    if (isLocale(data.preferred_locale)) reply.setCookie(localeCookieName, data.preferred_locale, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return redirectWithFlash(reply, '/account', 'auth.account.saved');
  });

  app.post('/account/sign-out-everywhere', signedIn, async (request, reply) => {
    await destroyAllSessions(app.platform.db, request.actor.user!.id);
    reply.clearCookie(sessionCookieName, { path: '/' });
    return redirectWithFlash(reply, '/sign-in', 'auth.account.signed_out_everywhere');
  });
}

/** Sign-in by one-time code (phone first, e-mail too), sign-out, and the account page. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  registerSignIn(app);
  registerAccount(app);
}
