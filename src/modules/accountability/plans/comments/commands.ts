import type { Kysely } from 'kysely';
import { recordAudit } from '../../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';
import { isUuid } from '../../../../platform/db/uuid.js';
import { AppError } from '../../../../platform/http/errors.js';
import { commentsDb, type ResponseOutcome, scopedComments } from './tables.js';

type Db = Kysely<PlatformTables>;
interface Staff {
  communeId: string;
  actorId: string | null;
}

const audit = (db: Db, staff: Staff, action: string, commentId: string, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId: staff.communeId, actorUserId: staff.actorId, action: `accountability.comment.${action}`, resourceType: 'accountability_comment', resourceId: commentId, details });

/** Comments are taken only on commitments of the commune's published plans: drafts are not public yet. */
export async function publishedCommitment(db: Db, communeId: string, commitmentId: string) {
  if (!isUuid(commitmentId)) return undefined;
  return commentsDb(db)
    .selectFrom('accountability_commitments as k')
    .innerJoin('accountability_plans as p', 'p.id', 'k.plan_id')
    .select(['k.id', 'k.plan_id'])
    .where('k.id', '=', commitmentId)
    .where('k.commune_id', '=', communeId)
    .where('p.commune_id', '=', communeId)
    .where('p.state', '=', 'published')
    .executeTakeFirst();
}

export async function addComment(db: Db, communeId: string, commitmentId: string, comment: { authorId: string; body: string }): Promise<string> {
  if (!(await publishedCommitment(db, communeId, commitmentId))) throw new AppError('NOT_FOUND');
  const created = await scopedComments(db, communeId).insertInto('accountability_comments', { commitment_id: commitmentId, author_id: comment.authorId, body: comment.body }).returning('id').executeTakeFirstOrThrow();
  return created.id;
}

async function visibleComment(db: Db, communeId: string, commentId: string) {
  if (!isUuid(commentId)) throw new AppError('NOT_FOUND');
  const comment = await scopedComments(db, communeId).selectFrom('accountability_comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!comment) throw new AppError('NOT_FOUND');
  if (comment.hidden_at) throw new AppError('CONFLICT', 'the comment is hidden');
  return comment;
}

/** The commune's reasoned response; a later correction replaces it, and the audit log keeps the earlier wording. */
export async function answerComment(db: Db, staff: Staff, commentId: string, answer: { outcome: ResponseOutcome; response: string }): Promise<void> {
  const comment = await visibleComment(db, staff.communeId, commentId);
  await db.transaction().execute(async (trx) => {
    await scopedComments(trx, staff.communeId).updateTable('accountability_comments').set({ outcome: answer.outcome, response: answer.response, responded_at: new Date(), responded_by: staff.actorId }).where('id', '=', comment.id).execute();
    const previous = comment.response ? { outcome: comment.outcome, response: comment.response } : undefined;
    await audit(trx, staff, previous ? 'response_changed' : 'answered', comment.id, { commitment: comment.commitment_id, outcome: answer.outcome, ...(previous ? { previous } : {}) });
  });
}

/** Hiding keeps the comment and shows the reason in its place; a hidden comment is owed no answer. */
export async function hideComment(db: Db, staff: Staff, commentId: string, reason: string): Promise<void> {
  const comment = await visibleComment(db, staff.communeId, commentId);
  await db.transaction().execute(async (trx) => {
    await scopedComments(trx, staff.communeId).updateTable('accountability_comments').set({ hidden_at: new Date(), hidden_reason: reason, hidden_by: staff.actorId }).where('id', '=', comment.id).execute();
    await audit(trx, staff, 'hidden', comment.id, { commitment: comment.commitment_id, reason });
  });
}
