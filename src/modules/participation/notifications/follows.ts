import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from '../queries/participation-queries.js';

export type FollowTarget = { proposalId: string } | { consultationId: string };

const targetColumns = (target: FollowTarget) =>
  'proposalId' in target ? { proposal_id: target.proposalId, consultation_id: null } : { proposal_id: null, consultation_id: target.consultationId };

/** Following twice is following once: the unique constraints decide, so parallel clicks are harmless. */
export async function follow(db: Kysely<PlatformTables>, communeId: string, userId: string, target: FollowTarget): Promise<void> {
  await scoped(db, communeId).insertInto('participation_follows', { user_id: userId, ...targetColumns(target) }).onConflict((oc) => oc.doNothing()).execute();
}

export async function unfollow(db: Kysely<PlatformTables>, communeId: string, userId: string, target: FollowTarget): Promise<void> {
  const query = scoped(db, communeId).deleteFrom('participation_follows').where('user_id', '=', userId);
  await ('proposalId' in target ? query.where('proposal_id', '=', target.proposalId) : query.where('consultation_id', '=', target.consultationId)).execute();
}

export async function isFollowing(db: Kysely<PlatformTables>, communeId: string, userId: string | null, target: FollowTarget): Promise<boolean> {
  if (!userId) return false;
  const query = scoped(db, communeId).selectFrom('participation_follows').select('id').where('user_id', '=', userId);
  const row = await ('proposalId' in target ? query.where('proposal_id', '=', target.proposalId) : query.where('consultation_id', '=', target.consultationId)).executeTakeFirst();
  return !!row;
}
