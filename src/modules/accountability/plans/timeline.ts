import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';

/** The changes the public timeline shows; the audit log already holds them, with their time. */
const publicActions = ['accountability.commitment.created', 'accountability.commitment.updated', 'accountability.commitment.status_changed', 'accountability.milestone.created', 'accountability.milestone.status_changed', 'accountability.evidence.added'] as const;
export type TimelineAction = (typeof publicActions)[number];

export interface TimelineEntry {
  at: Date;
  action: TimelineAction;
  from?: string;
  to?: string;
}

/**
 * Every change to a commitment and its milestones, newest first, from the audit log: what changed and when, never
 * who (staff accounts and IP addresses stay in the back-office).
 */
export async function commitmentTimeline(db: Kysely<PlatformTables>, communeId: string, commitmentId: string, milestoneIds: string[]): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['created_at', 'action', 'details'])
    .where('commune_id', '=', communeId)
    .where('action', 'in', [...publicActions])
    // Evidence rows are their own resources; their audit entries name the commitment they prove.
    .where((eb) => eb.or([eb('resource_id', 'in', [commitmentId, ...milestoneIds]), eb(sql<string>`details->>'commitmentId'`, '=', commitmentId)]))
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => {
    const details = row.details as { from?: unknown; to?: unknown };
    return {
      at: row.created_at,
      action: row.action as TimelineAction,
      ...(typeof details.from === 'string' ? { from: details.from } : {}),
      ...(typeof details.to === 'string' ? { to: details.to } : {}),
    };
  });
}
