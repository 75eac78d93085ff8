import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { activePhase, todayIn } from '../phases.js';
import { findConsultation, isUuid, phasesOf, scoped } from '../queries/participation-queries.js';
import { follow } from '../notifications/follows.js';
import { notify } from '../notifications/notify.js';

/** Comments open while the phase allows them; replies go one level deep, under a top-level comment. */
export async function addComment(
  db: Kysely<PlatformTables>,
  commune: { id: string; time_zone: string },
  proposal: { id: string; consultation_id: string },
  comment: { body: string; authorId: string; parentId?: string | undefined },
) {
  const consultation = await findConsultation(db, commune.id, proposal.consultation_id);
  const phase = consultation?.status === 'published' ? activePhase(await phasesOf(db, commune.id, consultation.id), todayIn(commune.time_zone), consultation.manual_phase_id) : null;
  if (!phase?.allows_comments) throw new AppError('CONFLICT', 'comments closed');
  const inCommune = scoped(db, commune.id);
  const parent = comment.parentId && isUuid(comment.parentId) ? await inCommune.selectFrom('proposal_comments').select(['id', 'parent_id', 'author_id']).where('id', '=', comment.parentId).where('proposal_id', '=', proposal.id).executeTakeFirst() : undefined;
  if (comment.parentId && (!parent || parent.parent_id)) throw new AppError('BAD_REQUEST', 'replies go under a top-level comment');
  const created = await inCommune.insertInto('proposal_comments', { proposal_id: proposal.id, parent_id: comment.parentId ?? null, author_id: comment.authorId, body: comment.body }).returning('id').executeTakeFirstOrThrow();
  // People who comment follow the proposal; the person replied to hears about the reply.
  await follow(db, commune.id, comment.authorId, { proposalId: proposal.id });
  if (parent) await notify(db, { kind: 'comment_reply', communeId: commune.id, actorId: comment.authorId, about: { proposalId: proposal.id, commentId: created.id }, to: { users: [parent.author_id] } });
  return created;
}

/** Hiding keeps the comment (for appeal and audit) and shows the moderator's reason in its place. */
export async function hideComment(db: Kysely<PlatformTables>, communeId: string, commentId: string, moderation: { moderatorId: string; reason: string }) {
  const inCommune = scoped(db, communeId);
  const updated = await inCommune
    .updateTable('proposal_comments')
    .set({ hidden_at: new Date(), hidden_reason: moderation.reason, hidden_by: moderation.moderatorId })
    .where('id', '=', commentId)
    .returning('proposal_id')
    .executeTakeFirst();
  if (!updated) throw new AppError('NOT_FOUND');
  await inCommune.updateTable('content_reports').set({ resolved_at: new Date() }).where('comment_id', '=', commentId).where('resolved_at', 'is', null).execute();
  return updated;
}

export async function commentsOf(db: Kysely<PlatformTables>, communeId: string, proposalId: string) {
  return scoped(db, communeId)
    .selectFrom('proposal_comments')
    .leftJoin('users', 'users.id', 'proposal_comments.author_id')
    .selectAll('proposal_comments')
    .select('users.display_name as author_name')
    .where('proposal_comments.proposal_id', '=', proposalId)
    .orderBy('proposal_comments.created_at')
    .orderBy('proposal_comments.id')
    .limit(500)
    .execute();
}
