import type { FastifyInstance, FastifyRequest } from 'fastify';
import { maskIdentifier, parseIdentifier } from '../auth/identifier.js';
import { communeScope } from '../db/commune-scope.js';
import type { Commune } from '../db/platform-tables.js';
import { AppError } from '../http/errors.js';
import type { FormState } from '../http/forms.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { adminOnly } from '../permissions/route-access.js';
import { actingUserId, auditAction, currentCommune, formValues, grantableRoles, grantOrInvite, isUuid } from './admin-support.js';
import { administrationPolicy } from './permissions.js';
import { type RolesData, RolesPage } from './roles-views.js';

async function loadRoles(request: FastifyRequest, commune: Commune): Promise<RolesData> {
  const scope = communeScope(request.server.platform.db, commune.id);
  const grants = await scope
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['role_grants.id', 'role_grants.role', 'role_grants.granted_at', 'users.display_name', 'users.phone_e164', 'users.email'])
    .where('role_grants.revoked_at', 'is', null)
    .orderBy('role_grants.role')
    .orderBy('role_grants.granted_at')
    .orderBy('role_grants.id')
    .execute();
  const invitations = await scope
    .selectFrom('invitations')
    .select(['identifier', 'role', 'created_at'])
    .where('accepted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return {
    grants: grants.map((g) => ({ id: g.id, role: g.role, grantedAt: g.granted_at, name: g.display_name, maskedIdentifier: maskIdentifier(g.phone_e164 ?? g.email ?? '') })),
    invitations: invitations.map((i) => ({ role: i.role, createdAt: i.created_at, maskedIdentifier: maskIdentifier(i.identifier) })),
  };
}

function parseGrant(values: Record<string, string>, commune: Commune) {
  const errors: FormState['errors'] = {};
  const identifier = parseIdentifier(values.identifier ?? '', commune.country);
  if (!identifier) errors.identifier = 'administration.roles.identifier_invalid';
  const role = grantableRoles.find((r) => r === values.role);
  if (!role) errors.role = 'core.form.invalid';
  return identifier && role ? { ok: true as const, identifier: identifier.value, role } : { ok: false as const, form: { values, errors } };
}

/** An administrator may not remove the commune's last administrator when it is themselves: nobody could manage it after. */
async function wouldRemoveOwnLastAdmin(request: FastifyRequest, commune: Commune, grant: { user_id: string; role: string }): Promise<boolean> {
  if (grant.role !== 'admin' || grant.user_id !== request.actor.user?.id) return false;
  const others = await communeScope(request.server.platform.db, commune.id)
    .selectFrom('role_grants')
    .select('id')
    .where('role', '=', 'admin')
    .where('revoked_at', 'is', null)
    .where('user_id', '<>', grant.user_id)
    .execute();
  return others.length === 0;
}

/** Who works in the commune's back-office, and invitations not yet accepted. */
export function registerRoleRoutes(app: FastifyInstance): void {
  const admin = { config: { access: adminOnly } };
  const emptyGrant: FormState = { values: { role: 'staff' }, errors: {} };

  app.get('/roles', admin, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'roles.manage', { communeId: commune.id });
    const data = await loadRoles(request, commune);
    return sendPage(request, reply, (ctx) => <RolesPage ctx={ctx} data={data} form={emptyGrant} />);
  });

  app.post('/roles', admin, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'roles.manage', { communeId: commune.id });
    const parsed = parseGrant(formValues(request), commune);
    if (!parsed.ok) {
      const data = await loadRoles(request, commune);
      return sendPage(request, reply, (ctx) => <RolesPage ctx={ctx} data={data} form={parsed.form} />, 422);
    }
    const outcome = await grantOrInvite(request, commune.id, parsed.identifier, parsed.role);
    const flash = { granted: 'administration.roles.granted', invited: 'administration.roles.invited', already: 'administration.roles.already' } as const;
    return redirectWithFlash(reply, `/${commune.slug}/admin/roles`, flash[outcome]);
  });

  app.post<{ Params: { grantId: string } }>('/roles/:grantId/revoke', admin, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'roles.manage', { communeId: commune.id });
    if (!isUuid(request.params.grantId)) throw new AppError('NOT_FOUND');
    const scope = communeScope(app.platform.db, commune.id);
    // Scoped by commune: another commune's grant id is simply not found here.
    const grant = await scope.selectFrom('role_grants').selectAll().where('id', '=', request.params.grantId).where('revoked_at', 'is', null).executeTakeFirst();
    if (!grant) throw new AppError('NOT_FOUND');
    if (await wouldRemoveOwnLastAdmin(request, commune, grant)) {
      const data = await loadRoles(request, commune);
      return sendPage(request, reply, (ctx) => <RolesPage ctx={ctx} data={data} form={emptyGrant} problem="administration.roles.last_admin" />, 409);
    }
    await scope.updateTable('role_grants').set({ revoked_at: new Date(), revoked_by: actingUserId(request) }).where('id', '=', grant.id).execute();
    await auditAction(request, { communeId: commune.id, action: 'role.revoked', resourceType: 'role_grant', resourceId: grant.id, details: { role: grant.role, userId: grant.user_id } });
    return redirectWithFlash(reply, `/${commune.slug}/admin/roles`, 'administration.roles.revoked');
  });
}
