import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Request } from '../db/tables.js';
import { requestsDb } from '../queries/requests-db.js';

export interface Assignment {
  serviceId: string | null;
  assigneeId: string | null;
  actorUserId: string;
  /** The service's name as the public reads it on the timeline (never the person's). */
  serviceName: string | null;
  /** Shown to staff only. */
  assigneeName: string | null;
}

/**
 * Hands a complaint to a service and/or a person. The timeline entry is public but its public text names the
 * service only: who handles it inside the commune stays internal.
 */
export async function assignComplaint(db: Kysely<PlatformTables>, request: Request, assignment: Assignment, now = new Date()): Promise<void> {
  const staffText = [assignment.serviceName, assignment.assigneeName].filter(Boolean).join(' — ');
  await requestsDb(db).transaction().execute(async (trx) => {
    await trx
      .updateTable('requests')
      .set({ service_id: assignment.serviceId, assignee_id: assignment.assigneeId, updated_at: now })
      .where('id', '=', request.id)
      .where('commune_id', '=', request.commune_id)
      .execute();
    await trx
      .insertInto('request_events')
      .values({ commune_id: request.commune_id, request_id: request.id, kind: 'assigned', author: 'commune', actor_user_id: assignment.actorUserId, body: staffText || null, public_body: assignment.serviceName ?? '', is_public: true, created_at: now })
      .execute();
  });
}

/** An internal note: staff only, never shown to the person who filed it nor to the public. */
export async function addInternalNote(db: Kysely<PlatformTables>, request: Request, note: { actorUserId: string; body: string }, now = new Date()): Promise<string> {
  const event = await requestsDb(db)
    .insertInto('request_events')
    .values({ commune_id: request.commune_id, request_id: request.id, kind: 'note', author: 'commune', actor_user_id: note.actorUserId, body: note.body, is_public: false, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return event.id;
}
