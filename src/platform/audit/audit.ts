import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.js';

export interface AuditEntry {
  communeId: string | null;
  actorUserId: string | null;
  /** Assisted participant a mediator acted for. */
  onBehalfOf?: string | null;
  /** Dotted verb, e.g. "news.published", "role.granted". */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; the table refuses UPDATE and DELETE at the database level. */
export async function recordAudit(db: Kysely<PlatformTables>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      commune_id: entry.communeId,
      actor_user_id: entry.actorUserId,
      on_behalf_of: entry.onBehalfOf ?? null,
      action: entry.action,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId ?? null,
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
