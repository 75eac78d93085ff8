import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { InformationRequest } from '../db/information-tables.js';
import type { Request } from '../db/tables.js';
import { resumeClock } from './commands.js';

/**
 * The requester replied on the public page: if the commune was waiting for a clarification, the reply is it, and the
 * legal clock runs again. Any other reply is just a message.
 */
export async function resumeOnReply(services: PlatformServices, commune: Commune, target: Request, actorUserId: string | null): Promise<void> {
  if (target.kind !== 'information' || target.status !== 'clarification') return;
  const updated = await resumeClock(services.db, commune, target as InformationRequest, { actorUserId, expected: target.status, author: 'citizen' });
  await recordAudit(services.db, { communeId: commune.id, actorUserId, action: 'request.information.clarification_received', resourceType: 'request', resourceId: updated.id, details: { by: 'requester', due_on: updated.due_on } });
}
