import type { FastifyRequest } from 'fastify';
import { type AuditEntry, recordAudit } from '../audit/audit.js';
import type { Commune, CommuneRole } from '../db/platform-tables.js';
import { communeScope } from '../db/commune-scope.js';
import { AppError } from '../http/errors.js';

/** The commune of the URL; admin routes always have one, this only narrows the type. */
export function currentCommune(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** The signed-in person acting; the route's access rule already refused visitors. */
export function actingUserId(request: FastifyRequest): string {
  const id = request.actor.user?.id;
  if (!id) throw new AppError('SIGN_IN_REQUIRED');
  return id;
}

/** Records who did what from which address. */
export function auditAction(request: FastifyRequest, entry: Omit<AuditEntry, 'actorUserId' | 'ip'>): Promise<void> {
  return recordAudit(request.server.platform.db, { ...entry, actorUserId: request.actor.user?.id ?? null, ip: request.ip });
}

/** Fields of a urlencoded form as strings (the body parser gives strings; anything else is ignored). */
export function formValues(request: FastifyRequest): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return values;
}

export const grantableRoles: CommuneRole[] = ['citizen', 'staff', 'admin', 'moderator', 'mediator', 'civil_society', 'monitor', 'civil_status'];

export { isUuid } from '../db/uuid.js';

/**
 * Grants the role now when the person has an account; otherwise records an invitation that the
 * sign-in area turns into the role when that person first signs in.
 */
export async function grantOrInvite(request: FastifyRequest, communeId: string, identifier: string, role: CommuneRole): Promise<'granted' | 'invited' | 'already'> {
  const { db } = request.server.platform;
  const byUser = actingUserId(request);
  const column = identifier.includes('@') ? 'email' : 'phone_e164';
  const user = await db.selectFrom('users').select('id').where(column, '=', identifier).executeTakeFirst();
  const scope = communeScope(db, communeId);
  if (!user) {
    const invitation = await scope
      .insertInto('invitations', { identifier, role, invited_by: byUser })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditAction(request, { communeId, action: 'invitation.created', resourceType: 'invitation', resourceId: invitation.id, details: { role } });
    return 'invited';
  }
  const grant = await scope
    .insertInto('role_grants', { user_id: user.id, role, granted_by: byUser })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!grant) return 'already';
  await auditAction(request, { communeId, action: 'role.granted', resourceType: 'role_grant', resourceId: grant.id, details: { role, userId: user.id } });
  return 'granted';
}
