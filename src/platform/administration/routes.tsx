import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import { normalisePhone, parseIdentifier } from '../auth/identifier.js';
import { communeScope } from '../db/commune-scope.js';
import type { Commune, CommuneRole } from '../db/platform-tables.js';
import { AppError } from '../http/errors.js';
import type { FormState } from '../http/forms.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { locales, pickLocalized } from '../i18n/locales.js';
import { adminOnly, mediatorOnly } from '../permissions/route-access.js';
import { backOfficeRoles } from '../permissions/actor.js';
import { readMultipartForm, storeUpload } from '../storage/uploads.js';
import { type AuditRow, AuditPage, DashboardPage, grantableRoles, ParticipantsPage, RolesPage } from './admin-views.js';
import { localizedTo, localizedFrom, parseIdentity, type Values } from './commune-identity.js';
import { CommunesPage, NewCommunePage, SettingsPage } from './commune-form-views.js';
import { NetworkHomePage } from './network-views.js';
import { administrationPolicy } from './permissions.js';

const empty: FormState = { values: {}, errors: {} };
const commune = (request: FastifyRequest): Commune => {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
};
const audit = (request: FastifyRequest, entry: { communeId: string | null; action: string; resourceType: string; resourceId?: string | null; details?: Record<string, unknown> }) =>
  recordAudit(request.server.platform.db, { ...entry, actorUserId: request.actor.user?.id ?? null, ip: request.ip });
const body = (request: FastifyRequest) => (request.body ?? {}) as Values;

function nameOf(value: Commune['name'], locale: (typeof locales)[number]): string {
  return pickLocalized(value, locale, locales)?.value ?? '';
}

/** Grants now when the person has an account; otherwise an invitation becomes the role at first sign-in. */
async function grantOrInvite(request: FastifyRequest, communeId: string, identifier: string, role: CommuneRole): Promise<void> {
  const { db } = request.server.platform;
  const column = identifier.includes('@') ? 'email' : 'phone_e164';
  const user = await db.selectFrom('users').select('id').where(column, '=', identifier).executeTakeFirst();
  if (!user) {
    const invitation = await db.insertInto('invitations').values({ commune_id: communeId, identifier, role, invited_by: request.actor.user!.id }).returning('id').executeTakeFirstOrThrow();
    await audit(request, { communeId, action: 'invitation.created', resourceType: 'invitation', resourceId: invitation.id, details: { role } });
    return;
  }
  const grant = await db.insertInto('role_grants').values({ commune_id: communeId, user_id: user.id, role, granted_by: request.actor.user!.id }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (grant) await audit(request, { communeId, action: 'role.granted', resourceType: 'user', resourceId: user.id, details: { role } });
}

function registerNetwork(app: FastifyInstance): void {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const q = (query.q ?? '').trim().slice(0, 80);
    const country = (query.country ?? '').toUpperCase().slice(0, 2);
    const all = await app.platform.db.selectFrom('communes').selectAll().orderBy('slug').execute();
    const needle = q.toLocaleLowerCase();
    // A network holds tens of communes: matching every language of the name here is simpler than jsonb SQL.
    const matches = all.filter((c) => (!country || c.country === country) && (!needle || c.slug.includes(needle) || Object.values(c.name).some((n) => n?.toLocaleLowerCase().includes(needle))));
    const countries = [...new Set(all.map((c) => c.country))].sort();
    return sendPage(request, reply, (ctx) => <NetworkHomePage ctx={ctx} communes={matches} countries={countries} q={q} country={country} />);
  });

  const platformAdmin = { config: { access: 'platform-admin' as const } };
  app.get('/admin/communes', platformAdmin, async (request, reply) => {
    const rows = await app.platform.db.selectFrom('communes').selectAll().orderBy('slug').execute();
    const communes = rows.map((c) => ({ slug: c.slug, country: c.country, name: nameOf(c.name, request.locale) }));
    return sendPage(request, reply, (ctx) => <CommunesPage ctx={ctx} communes={communes} />);
  });
  app.get('/admin/communes/new', platformAdmin, async (request, reply) =>
    sendPage(request, reply, (ctx) => <NewCommunePage ctx={ctx} form={{ values: { default_locale: 'fr', locale_fr: 'on', country: 'SN', time_zone: 'Africa/Dakar', currency: 'XOF' }, errors: {} }} />),
  );
  app.post('/admin/communes', platformAdmin, async (request, reply) => {
    administrationPolicy.authorize(request.actor, 'communes.create', {});
    const values = body(request);
    const { errors, identity } = parseIdentity(values);
    const slug = (values.slug ?? '').trim().toLowerCase();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 60 || ['admin', 'sign-in', 'account', 'files', 'assets', 'healthz'].includes(slug)) errors.slug = 'administration.commune.slug_invalid';
    else if (await app.platform.db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirst()) errors.slug = 'administration.commune.slug_taken';
    const firstAdmin = parseIdentifier(values.first_admin ?? '', identity.country || 'SN');
    if (!firstAdmin) errors.first_admin = 'administration.roles.identifier_invalid';
    if (Object.keys(errors).length > 0 || !firstAdmin) return sendPage(request, reply, (ctx) => <NewCommunePage ctx={ctx} form={{ values, errors }} />, 422);
    const moduleIds = app.platform.modules.map((m) => m.id);
    const created = await app.platform.db.insertInto('communes').values({ ...identity, slug, contact: '{}', logo_file_id: null, enabled_modules: JSON.stringify(moduleIds) }).returning('id').executeTakeFirstOrThrow();
    await audit(request, { communeId: created.id, action: 'commune.created', resourceType: 'commune', resourceId: created.id, details: { slug } });
    await grantOrInvite(request, created.id, firstAdmin.value, 'admin');
    return redirectWithFlash(reply, '/admin/communes', 'administration.communes.created');
  });
}

async function rolesPage(request: FastifyRequest, form: FormState) {
  const { id } = commune(request);
  const db = request.server.platform.db;
  const grants = await communeScope(db, id)
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['role_grants.id', 'role_grants.role', 'role_grants.granted_at', 'role_grants.user_id', 'users.display_name', 'users.phone_e164', 'users.email'])
    .where('role_grants.revoked_at', 'is', null)
    .orderBy('role_grants.role')
    .orderBy('role_grants.granted_at')
    .execute();
  const invitations = await communeScope(db, id).selectFrom('invitations').select(['identifier', 'role', 'created_at']).where('accepted_at', 'is', null).orderBy('created_at').execute();
  const rows = grants.map((g) => ({ id: g.id, role: g.role, granted_at: g.granted_at, user_id: g.user_id, name: g.display_name ?? '—', identifier: g.phone_e164 ?? g.email ?? '' }));
  return { rows, invitations, form };
}

function registerRoles(app: FastifyInstance): void {
  const admin = { config: { access: adminOnly } };
  app.get('/roles', admin, async (request, reply) => {
    const data = await rolesPage(request, { values: { role: 'staff' }, errors: {} });
    return sendPage(request, reply, (ctx) => <RolesPage ctx={ctx} grants={data.rows} invitations={data.invitations} form={data.form} />);
  });
  app.post('/roles', admin, async (request, reply) => {
    const current = commune(request);
    administrationPolicy.authorize(request.actor, 'roles.manage', { communeId: current.id });
    const values = body(request);
    const identifier = parseIdentifier(values.identifier ?? '', current.country);
    const role = grantableRoles.find((r) => r === values.role);
    if (!identifier || !role) {
      const data = await rolesPage(request, { values, errors: identifier ? { role: 'core.form.invalid' } : { identifier: 'administration.roles.identifier_invalid' } });
      return sendPage(request, reply, (ctx) => <RolesPage ctx={ctx} grants={data.rows} invitations={data.invitations} form={data.form} />, 422);
    }
    await grantOrInvite(request, current.id, identifier.value, role);
    return redirectWithFlash(reply, `/${current.slug}/admin/roles`, 'administration.roles.granted');
  });
  app.post<{ Params: { id: string } }>('/roles/:id/revoke', admin, async (request, reply) => {
    const current = commune(request);
    administrationPolicy.authorize(request.actor, 'roles.manage', { communeId: current.id });
    if (!/^[0-9a-f-]{36}$/.test(request.params.id)) throw new AppError('NOT_FOUND');
    const scope = communeScope(app.platform.db, current.id);
    const grant = await scope.selectFrom('role_grants').selectAll().where('id', '=', request.params.id).where('revoked_at', 'is', null).executeTakeFirst();
    if (!grant) throw new AppError('NOT_FOUND');
    if (grant.user_id === request.actor.user?.id && grant.role === 'admin') {
      const admins = await scope.selectFrom('role_grants').select('id').where('role', '=', 'admin').where('revoked_at', 'is', null).execute();
      if (admins.length <= 1) throw new AppError('CONFLICT', 'last administrator');
    }
    await scope.updateTable('role_grants').set({ revoked_at: new Date(), revoked_by: request.actor.user!.id }).where('id', '=', grant.id).execute();
    await audit(request, { communeId: current.id, action: 'role.revoked', resourceType: 'user', resourceId: grant.user_id, details: { role: grant.role } });
    return redirectWithFlash(reply, `/${current.slug}/admin/roles`, 'administration.roles.revoked');
  });
}

function registerAudit(app: FastifyInstance): void {
  app.get('/audit', { config: { access: adminOnly } }, async (request, reply) => {
    const current = commune(request);
    administrationPolicy.authorize(request.actor, 'audit.read', { communeId: current.id });
    const before = Number((request.query as Record<string, string>).before);
    let query = communeScope(app.platform.db, current.id)
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .leftJoin('assisted_participants', 'assisted_participants.id', 'audit_log.on_behalf_of')
      .select(['audit_log.id', 'audit_log.created_at', 'audit_log.action', 'audit_log.resource_type', 'audit_log.resource_id', 'audit_log.ip', 'users.display_name as actor', 'assisted_participants.full_name as on_behalf_of']);
    if (Number.isInteger(before) && before > 0) query = query.where('audit_log.id', '<', String(before));
    const rows = (await query.orderBy('audit_log.id', 'desc').limit(51).execute()) as AuditRow[];
    const nextBefore = rows.length > 50 ? String(rows[49]!.id) : null;
    return sendPage(request, reply, (ctx) => <AuditPage ctx={ctx} rows={rows.slice(0, 50)} nextBefore={nextBefore} />);
  });
}

async function participantRows(request: FastifyRequest) {
  return communeScope(request.server.platform.db, commune(request).id)
    .selectFrom('assisted_participants')
    .leftJoin('users', 'users.id', 'assisted_participants.registered_by')
    .select(['assisted_participants.full_name', 'assisted_participants.neighbourhood', 'assisted_participants.created_at', 'users.display_name as registered_by'])
    .orderBy('assisted_participants.created_at', 'desc')
    .orderBy('assisted_participants.id')
    .limit(200)
    .execute();
}

function registerParticipants(app: FastifyInstance): void {
  const mediators = { config: { access: mediatorOnly } };
  app.get('/participants', mediators, async (request, reply) => {
    const rows = await participantRows(request);
    return sendPage(request, reply, (ctx) => <ParticipantsPage ctx={ctx} rows={rows} form={empty} />);
  });
  app.post('/participants', mediators, async (request, reply) => {
    const current = commune(request);
    administrationPolicy.authorize(request.actor, 'participants.register', { communeId: current.id });
    const values = body(request);
    const errors: FormState['errors'] = {};
    const fullName = (values.full_name ?? '').trim();
    if (!fullName) errors.full_name = 'core.form.required';
    if (fullName.length > 120) errors.full_name = 'core.form.too_long';
    const phone = values.phone?.trim() ? normalisePhone(values.phone, current.country) : null;
    if (values.phone?.trim() && !phone) errors.phone = 'administration.participants.phone_invalid';
    if (values.consent !== 'on') errors.consent = 'administration.participants.consent_required';
    const method = (['oral', 'written', 'thumbprint'] as const).find((m) => m === values.consent_method);
    if (!method) errors.consent_method = 'core.form.invalid';
    if (Object.keys(errors).length > 0 || !method) {
      const rows = await participantRows(request);
      return sendPage(request, reply, (ctx) => <ParticipantsPage ctx={ctx} rows={rows} form={{ values, errors }} />, 422);
    }
    const created = await communeScope(app.platform.db, current.id)
      .insertInto('assisted_participants', { full_name: fullName, neighbourhood: values.neighbourhood?.trim().slice(0, 120) || null, phone_e164: phone, consent_method: method, consent_at: new Date(), registered_by: request.actor.user!.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(request, { communeId: current.id, action: 'participant.registered', resourceType: 'assisted_participant', resourceId: created.id, details: { consent: method } });
    return redirectWithFlash(reply, `/${current.slug}/admin/participants`, 'administration.participants.registered');
  });
}

function settingsValues(current: Commune): Values {
  const values: Values = { country: current.country, default_locale: current.default_locale, time_zone: current.time_zone, currency: current.currency, phone: current.contact.phone ?? '', email: current.contact.email ?? '', website: current.contact.website ?? '' };
  localizedTo(values, 'name', current.name);
  localizedTo(values, 'region', current.region);
  localizedTo(values, 'address', current.contact.address);
  localizedTo(values, 'hours', current.contact.openingHours);
  return values;
}

function registerSettings(app: FastifyInstance): void {
  const admin = { config: { access: adminOnly } };
  app.get('/settings', admin, async (request, reply) =>
    sendPage(request, reply, (ctx) => <SettingsPage ctx={ctx} form={{ values: settingsValues(commune(request)), errors: {} }} modules={app.platform.modules} />),
  );
  app.post('/settings', admin, async (request, reply) => {
    const current = commune(request);
    administrationPolicy.authorize(request.actor, 'settings.edit', { communeId: current.id });
    const { fields: values, files } = await readMultipartForm(request);
    const { errors, identity } = parseIdentity(values);
    if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = 'core.form.invalid';
    const phone = values.phone?.trim() ? normalisePhone(values.phone, identity.country || current.country) : null;
    if (values.phone?.trim() && !phone) errors.phone = 'administration.participants.phone_invalid';
    if (Object.keys(errors).length > 0) return sendPage(request, reply, (ctx) => <SettingsPage ctx={ctx} form={{ values, errors }} modules={app.platform.modules} />, 422);
    const logo = files.logo ? await storeUpload(request, files.logo, { communeId: current.id, accept: ['image'] }) : null;
    const contact = { address: localizedFrom(values, 'address'), openingHours: localizedFrom(values, 'hours'), phone: phone ?? undefined, email: values.email?.trim() || undefined, website: /^https?:\/\//.test(values.website ?? '') ? values.website : undefined };
    const modules = app.platform.modules.filter((m) => !m.alwaysOn && values[`module_${m.id}`] === 'on').map((m) => m.id);
    await app.platform.db
      .updateTable('communes')
      .set({ ...identity, contact: JSON.stringify(contact), enabled_modules: JSON.stringify([...app.platform.modules.filter((m) => m.alwaysOn).map((m) => m.id), ...modules]), ...(logo ? { logo_file_id: logo.id } : {}) })
      .where('id', '=', current.id)
      .execute();
    await audit(request, { communeId: current.id, action: 'commune.settings_updated', resourceType: 'commune', resourceId: current.id, details: { logo: !!logo, modules } });
    return redirectWithFlash(reply, `/${current.slug}/admin/settings`, 'administration.settings.saved');
  });
}

/** Pages outside any commune: the network home and the platform administrator's list of communes. */
export async function administrationNetworkRoutes(app: FastifyInstance): Promise<void> {
  registerNetwork(app);
}

/** The commune's back-office home, roles, assisted participants, settings and audit log. */
export async function administrationCommuneRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: { communeRoles: backOfficeRoles } } }, async (request, reply) => sendPage(request, reply, (ctx) => <DashboardPage ctx={ctx} />));
  registerRoles(app);
  registerAudit(app);
  registerParticipants(app);
  registerSettings(app);
}
