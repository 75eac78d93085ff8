import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseIdentifier } from '../auth/identifier.js';
import type { Commune } from '../db/platform-tables.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { locales, pickLocalized } from '../i18n/locales.js';
import { auditAction, formValues, grantOrInvite } from './admin-support.js';
import { type CommuneListRow, CommunesPage, NewCommunePage } from './commune-form-views.js';
import { parseIdentity, type Values } from './commune-identity.js';
import { NetworkHomePage } from './network-views.js';
import { administrationPolicy } from './permissions.js';
import { registerQueueAdminRoutes } from '../queue/admin-routes.js';

// Paths the root of the site already uses: a commune with that slug would be unreachable.
const reservedSlugs = new Set(['admin', 'sign-in', 'sign-out', 'account', 'files', 'assets', 'healthz', 'api', 'open-data', 'inbox', 'network']);

/** Case-insensitive match on the slug and on the name in every language. */
function matchesSearch(commune: Commune, needle: string): boolean {
  if (!needle) return true;
  const haystack = [commune.slug, ...Object.values(commune.name)].map((s) => (s ?? '').toLocaleLowerCase());
  return haystack.some((text) => text.includes(needle));
}

async function networkHome(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 80) : '';
  const country = typeof query.country === 'string' ? query.country.trim().toUpperCase().slice(0, 2) : '';
  // A network holds tens of communes: matching every language of the name in TS is simpler than jsonb SQL.
  const all = await request.server.platform.db.selectFrom('communes').selectAll().orderBy('slug').execute();
  const needle = q.toLocaleLowerCase();
  const communes = all.filter((c) => (!country || c.country === country) && matchesSearch(c, needle));
  const countries = [...new Set(all.map((c) => c.country))].sort();
  const links = request.server.platform.modules.flatMap((m) => m.networkLinks ?? []).filter((link) => !link.platformAdminOnly || request.actor.isPlatformAdmin);
  return { communes, countries, q, country, links };
}

async function slugError(request: FastifyRequest, slug: string): Promise<string | null> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 60 || reservedSlugs.has(slug)) return 'administration.commune.slug_invalid';
  const taken = await request.server.platform.db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirst();
  return taken ? 'administration.commune.slug_taken' : null;
}

const newCommuneDefaults: Values = { default_locale: 'fr', locale_fr: 'on', country: 'SN', time_zone: 'Africa/Dakar', currency: 'XOF' };

async function createCommune(request: FastifyRequest) {
  const { db, modules } = request.server.platform;
  const values = formValues(request);
  const { errors, identity } = parseIdentity(values);
  const slug = (values.slug ?? '').trim().toLowerCase();
  const slugProblem = await slugError(request, slug);
  if (slugProblem) errors.slug = slugProblem;
  const firstAdmin = parseIdentifier(values.first_admin ?? '', identity.country || 'SN');
  if (!firstAdmin) errors.first_admin = 'administration.roles.identifier_invalid';
  if (Object.keys(errors).length > 0 || !firstAdmin) return { ok: false as const, form: { values, errors } };
  const created = await db
    .insertInto('communes')
    .values({ ...identity, slug, contact: '{}', logo_file_id: null, enabled_modules: JSON.stringify(modules.map((m) => m.id)) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await auditAction(request, { communeId: created.id, action: 'commune.created', resourceType: 'commune', resourceId: created.id, details: { slug } });
  await grantOrInvite(request, created.id, firstAdmin.value, 'admin');
  return { ok: true as const };
}

/** Pages outside any commune: the network home and the platform administrator's communes. */
export async function administrationNetworkRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const data = await networkHome(request);
    return sendPage(request, reply, (ctx) => <NetworkHomePage ctx={ctx} {...data} />);
  });

  const platformAdmin = { config: { access: 'platform-admin' as const } };
  app.get('/admin/communes', platformAdmin, async (request, reply) => {
    administrationPolicy.authorize(request.actor, 'communes.create', {});
    const rows = await app.platform.db.selectFrom('communes').selectAll().orderBy('slug').execute();
    const communes: CommuneListRow[] = rows.map((c) => ({
      slug: c.slug,
      country: c.country,
      enabled_locales: c.enabled_locales,
      name: pickLocalized(c.name, request.locale, locales)?.value ?? c.slug,
    }));
    return sendPage(request, reply, (ctx) => <CommunesPage ctx={ctx} communes={communes} />);
  });
  app.get('/admin/communes/new', platformAdmin, async (request, reply) => {
    administrationPolicy.authorize(request.actor, 'communes.create', {});
    return sendPage(request, reply, (ctx) => <NewCommunePage ctx={ctx} form={{ values: newCommuneDefaults, errors: {} }} />);
  });
  app.post('/admin/communes/new', platformAdmin, async (request, reply) => {
    administrationPolicy.authorize(request.actor, 'communes.create', {});
    const result = await createCommune(request);
    if (!result.ok) return sendPage(request, reply, (ctx) => <NewCommunePage ctx={ctx} form={result.form} />, 422);
    return redirectWithFlash(reply, '/admin/communes', 'administration.communes.created');
  });
  registerQueueAdminRoutes(app);
}
