import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';
import { commentsDb } from './tables.js';

/** A commitment's comments, oldest first, with the author's public name (never a phone number). */
export async function commentsOfCommitment(db: Kysely<PlatformTables>, communeId: string, commitmentId: string) {
  return commentsDb(db)
    .selectFrom('accountability_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select('u.display_name as author_name')
    .where('c.commune_id', '=', communeId)
    .where('c.commitment_id', '=', commitmentId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(500)
    .execute();
}

export type PublicComment = Awaited<ReturnType<typeof commentsOfCommitment>>[number];

/** Comments with the commitment they are about, for staff (hidden ones are out of the queue). */
const staffView = (db: Kysely<PlatformTables>, communeId: string) =>
  commentsDb(db)
    .selectFrom('accountability_comments as c')
    .innerJoin('accountability_commitments as k', 'k.id', 'c.commitment_id')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select(['u.display_name as author_name', 'k.number as commitment_number', 'k.title as commitment_title', 'k.plan_id'])
    .where('c.commune_id', '=', communeId)
    .where('k.commune_id', '=', communeId)
    .where('c.hidden_at', 'is', null);

/** Staff's queue: comments waiting for an answer first, the oldest on top (the longest wait is answered first). */
export async function commentQueue(db: Kysely<PlatformTables>, communeId: string, show: 'unanswered' | 'all') {
  const query = show === 'unanswered' ? staffView(db, communeId).where('c.responded_at', 'is', null) : staffView(db, communeId);
  return query.orderBy('c.responded_at', (o) => o.desc().nullsFirst()).orderBy('c.created_at').limit(200).execute();
}

export type QueuedComment = Awaited<ReturnType<typeof commentQueue>>[number];

export async function queuedComment(db: Kysely<PlatformTables>, communeId: string, commentId: string): Promise<QueuedComment | undefined> {
  return staffView(db, communeId).where('c.id', '=', commentId).executeTakeFirst();
}
