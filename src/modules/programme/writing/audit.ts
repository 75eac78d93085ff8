import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { WritingActor } from './access.js';

/** Writing's audit entries: `programme.<resource>.<verb>`, with the host commune when one is concerned. */
export const auditWriting = (db: Kysely<PlatformTables>, actor: WritingActor, action: string, resource: { type: 'report' | 'post' | 'lesson'; id: string; communeId: string | null }, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId: resource.communeId, actorUserId: actor.userId, ip: actor.ip, action: `programme.${resource.type}.${action}`, resourceType: `programme_${resource.type}`, resourceId: resource.id, details });
