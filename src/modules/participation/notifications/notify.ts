import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { NotificationKind } from '../db/tables.js';

export interface NotificationEvent {
  kind: NotificationKind;
  communeId: string;
  /** Whoever caused the event: never notified of their own action. */
  actorId: string | null;
  /** What the notification links to. */
  about: { proposalId?: string | null; consultationId?: string | null; phaseId?: string | null; commentId?: string | null; appealId?: string | null };
  /** Who is told; the sources are merged, each person once. */
  to: {
    users?: (string | null)[];
    followersOfProposal?: string;
    followersOfConsultation?: string;
    authorsInConsultation?: string;
  };
}

/** The people an event reaches, as one SQL union (followers can be thousands: they never come to Node). */
function recipientSources(event: NotificationEvent) {
  const { communeId, to } = event;
  const sources = [];
  const users = (to.users ?? []).filter((id): id is string => !!id);
  if (users.length > 0) sources.push(sql`select user_id from (values ${sql.join(users.map((id) => sql`(${id}::uuid)`))}) as listed(user_id)`);
  if (to.followersOfProposal) sources.push(sql`select user_id from participation_follows where commune_id = ${communeId} and proposal_id = ${to.followersOfProposal}`);
  if (to.followersOfConsultation) sources.push(sql`select user_id from participation_follows where commune_id = ${communeId} and consultation_id = ${to.followersOfConsultation}`);
  if (to.authorsInConsultation) sources.push(sql`select author_id from proposals where commune_id = ${communeId} and consultation_id = ${to.authorsInConsultation}`);
  return sources;
}

/**
 * The one way a notification is created: fans out to the recipients, leaves out the actor and whoever
 * switched this kind off, and records "inbox only" people as already delivered (nothing to send them).
 * Returns how many people were notified.
 */
export async function notify(db: Kysely<PlatformTables>, event: NotificationEvent): Promise<number> {
  const sources = recipientSources(event);
  if (sources.length === 0) return 0;
  const { about } = event;
  const result = await sql`
    insert into participation_notifications (commune_id, user_id, kind, proposal_id, consultation_id, phase_id, comment_id, appeal_id, delivered_at)
    select ${event.communeId}::uuid, r.user_id, ${event.kind}::text, ${about.proposalId ?? null}::uuid, ${about.consultationId ?? null}::uuid,
      ${about.phaseId ?? null}::uuid, ${about.commentId ?? null}::uuid, ${about.appealId ?? null}::uuid, case when prefs.delivery = 'inbox' then now() end
    from (${sql.join(sources, sql` union `)}) as r(user_id)
    left join participation_notification_preferences prefs on prefs.user_id = r.user_id
    where r.user_id is distinct from ${event.actorId}::uuid
      and not (${event.kind}::text = any(coalesce(prefs.disabled_kinds, '{}'::text[])))
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
