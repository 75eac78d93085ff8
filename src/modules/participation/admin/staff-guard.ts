import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { participationPolicy } from '../permissions.js';

/** The commune of a back-office request, once the policy allows this person to manage its consultations. */
export function guard(request: FastifyRequest): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  participationPolicy.authorize(request.actor, 'consultation.manage', { communeId: commune.id });
  return commune;
}

/** Records a staff action of this request in the commune's audit log. */
export const audit = (request: FastifyRequest, action: string, resourceType: string, resourceId: string) =>
  recordAudit(request.server.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType, resourceId, ip: request.ip });
