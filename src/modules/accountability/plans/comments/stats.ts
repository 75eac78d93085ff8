import { sql, type Kysely } from 'kysely';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';
import { commentsDb } from './tables.js';

export interface CommentCounts {
  total: number;
  unanswered: number;
}

/** Visible comments (hidden ones are neither counted nor owed an answer) per commitment of a plan. */
export async function commentCountsByCommitment(db: Kysely<PlatformTables>, communeId: string, planId: string): Promise<Map<string, CommentCounts>> {
  const rows = await commentsDb(db)
    .selectFrom('accountability_comments as c')
    .innerJoin('accountability_commitments as k', 'k.id', 'c.commitment_id')
    .select('c.commitment_id')
    .select(sql<string>`count(*)`.as('total'))
    .select(sql<string>`count(*) filter (where c.responded_at is null)`.as('unanswered'))
    .where('c.commune_id', '=', communeId)
    .where('k.commune_id', '=', communeId)
    .where('k.plan_id', '=', planId)
    .where('c.hidden_at', 'is', null)
    .groupBy('c.commitment_id')
    .execute();
  return new Map(rows.map((r) => [r.commitment_id, { total: Number(r.total), unanswered: Number(r.unanswered) }]));
}

/** A plan's comments and how many still wait for the commune's reasoned response: counted in public. */
export async function unansweredCommentStats(db: Kysely<PlatformTables>, communeId: string, planId: string): Promise<CommentCounts> {
  const counts = [...(await commentCountsByCommitment(db, communeId, planId)).values()];
  return { total: counts.reduce((sum, c) => sum + c.total, 0), unanswered: counts.reduce((sum, c) => sum + c.unanswered, 0) };
}
