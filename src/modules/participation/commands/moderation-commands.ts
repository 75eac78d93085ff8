import { notify } from '../notifications/notify.js';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AppealDecision } from '../db/moderation-tables.js';
import { isUuid, participationDb, scoped } from '../queries/participation-queries.js';

type Db = Kysely<PlatformTables>;

/** A reportable, hideable, appealable item: a proposal or a comment. */
export interface ModeratedItem {
  kind: 'proposal' | 'comment';
  id: string;
}

/** The item in this commune with what moderation needs: its proposal, author, hiding and consultation status. */
export async function findModeratedItem(db: Db, communeId: string, item: ModeratedItem) {
  if (!isUuid(item.id)) return undefined;
  const inCommune = scoped(db, communeId);
  if (item.kind === 'proposal') {
    return inCommune
      .selectFrom('proposals')
      .innerJoin('consultations', 'consultations.id', 'proposals.consultation_id')
      .select(['proposals.id', 'proposals.id as proposal_id', 'proposals.author_id', 'proposals.hidden_at', 'consultations.status'])
      .where('proposals.id', '=', item.id)
      .where('consultations.status', '!=', 'draft')
      .executeTakeFirst();
  }
  return inCommune
    .selectFrom('proposal_comments')
    .innerJoin('proposals', 'proposals.id', 'proposal_comments.proposal_id')
    .innerJoin('consultations', 'consultations.id', 'proposals.consultation_id')
    .select(['proposal_comments.id', 'proposal_comments.proposal_id', 'proposal_comments.author_id', 'proposal_comments.hidden_at', 'consultations.status'])
    .where('proposal_comments.id', '=', item.id)
    .where('consultations.status', '!=', 'draft')
    .executeTakeFirst();
}

async function requireItem(db: Db, communeId: string, item: ModeratedItem) {
  const found = await findModeratedItem(db, communeId, item);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

const itemColumns = (item: ModeratedItem) => (item.kind === 'proposal' ? { proposal_id: item.id, comment_id: null } : { proposal_id: null, comment_id: item.id });

/** One open report per person and item: the unique constraint decides, a second report is told so. */
export async function reportItem(db: Db, communeId: string, item: ModeratedItem, report: { reporterId: string; reason: string }) {
  const found = await requireItem(db, communeId, item);
  if (found.status === 'archived') return { proposalId: found.proposal_id, outcome: 'archived' as const };
  const constraint = item.kind === 'proposal' ? 'content_reports_proposal_once_per_person' : 'content_reports_once_per_person';
  const inserted = await scoped(db, communeId)
    .insertInto('content_reports', { ...itemColumns(item), reporter_id: report.reporterId, reason: report.reason })
    .onConflict((oc) => oc.constraint(constraint).doNothing())
    .returning('id')
    .executeTakeFirst();
  return { proposalId: found.proposal_id, outcome: inserted ? ('reported' as const) : ('already' as const) };
}

/** Hiding keeps the proposal (for appeal and audit); its page shows the reason instead of its content. */
export async function setProposalHidden(db: Db, communeId: string, proposalId: string, hiding: { moderatorId: string; reason: string } | null) {
  const inCommune = scoped(db, communeId);
  const columns = hiding ? { hidden_at: new Date(), hidden_reason: hiding.reason, hidden_by: hiding.moderatorId } : { hidden_at: null, hidden_reason: null, hidden_by: null };
  const updated = isUuid(proposalId) ? await inCommune.updateTable('proposals').set(columns).where('id', '=', proposalId).returning(['id', 'consultation_id']).executeTakeFirst() : undefined;
  if (!updated) throw new AppError('NOT_FOUND');
  if (hiding) await inCommune.updateTable('content_reports').set({ resolved_at: new Date() }).where('proposal_id', '=', proposalId).where('resolved_at', 'is', null).execute();
  return updated;
}

/** The author of a hidden item may appeal once; the unique constraints make a second appeal a no-op. */
export async function appealItem(db: Db, communeId: string, item: ModeratedItem, appeal: { authorId: string; body: string }) {
  const found = await requireItem(db, communeId, item);
  if (found.author_id !== appeal.authorId) throw new AppError('FORBIDDEN', 'only the author appeals');
  if (!found.hidden_at) throw new AppError('CONFLICT', 'item is not hidden');
  const constraint = item.kind === 'proposal' ? 'moderation_appeals_once_per_proposal' : 'moderation_appeals_once_per_comment';
  const inserted = await scoped(db, communeId)
    .insertInto('moderation_appeals', { ...itemColumns(item), author_id: appeal.authorId, body: appeal.body })
    .onConflict((oc) => oc.constraint(constraint).doNothing())
    .returning('id')
    .executeTakeFirst();
  return { proposalId: found.proposal_id, appealId: inserted?.id ?? null };
}

/** Restores or upholds, records who decided, and tells the author in their inbox — all or nothing. */
export async function decideAppeal(db: Db, communeId: string, appealId: string, decision: { decision: AppealDecision; reason: string; deciderId: string }) {
  if (!isUuid(appealId)) throw new AppError('NOT_FOUND');
  return db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    const appeal = await inCommune
      .updateTable('moderation_appeals')
      .set({ decision: decision.decision, decision_reason: decision.reason, decided_by: decision.deciderId, decided_at: new Date() })
      .where('id', '=', appealId)
      .where('decided_at', 'is', null)
      .returning(['id', 'proposal_id', 'comment_id', 'author_id'])
      .executeTakeFirst();
    if (!appeal) throw new AppError('NOT_FOUND', 'no open appeal');
    // A second pair of eyes: whoever hid the item does not judge the appeal against it.
    const item = appeal.comment_id
      ? await inCommune.selectFrom('proposal_comments').select('hidden_by').where('id', '=', appeal.comment_id).executeTakeFirstOrThrow()
      : await inCommune.selectFrom('proposals').select('hidden_by').where('id', '=', appeal.proposal_id!).executeTakeFirstOrThrow();
    if (item.hidden_by === decision.deciderId) throw new AppError('FORBIDDEN', 'the moderator who hid the item cannot decide its appeal');
    const restore = decision.decision === 'restored';
    let proposalId = appeal.proposal_id;
    if (appeal.comment_id) {
      const comment = await inCommune.selectFrom('proposal_comments').select('proposal_id').where('id', '=', appeal.comment_id).executeTakeFirstOrThrow();
      proposalId = comment.proposal_id;
      if (restore) await inCommune.updateTable('proposal_comments').set({ hidden_at: null, hidden_reason: null, hidden_by: null }).where('id', '=', appeal.comment_id).execute();
    } else if (restore) {
      await inCommune.updateTable('proposals').set({ hidden_at: null, hidden_reason: null, hidden_by: null }).where('id', '=', appeal.proposal_id!).execute();
    }
    // The notification row needs a proposal: for a comment, the proposal it was written under.
    await notify(trx, { kind: 'appeal_decided', communeId, actorId: decision.deciderId, about: { proposalId, appealId: appeal.id }, to: { users: [appeal.author_id] } });
    return appeal;
  });
}

export interface QueueItem {
  kind: 'proposal' | 'comment';
  id: string;
  proposal_id: string;
  text: string;
  hidden: boolean;
  reasons: string[];
}

/** Open reports grouped by item, most reported first, with every reason given. */
export async function reportedItems(db: Db, communeId: string): Promise<QueueItem[]> {
  const rows = await scoped(db, communeId)
    .selectFrom('content_reports')
    .leftJoin('proposals', 'proposals.id', 'content_reports.proposal_id')
    .leftJoin('proposal_comments', 'proposal_comments.id', 'content_reports.comment_id')
    .select(['content_reports.reason', 'content_reports.proposal_id as reported_proposal', 'content_reports.comment_id', 'proposals.title', 'proposals.hidden_at as proposal_hidden', 'proposal_comments.body', 'proposal_comments.proposal_id as comment_proposal', 'proposal_comments.hidden_at as comment_hidden'])
    .where('content_reports.resolved_at', 'is', null)
    .orderBy('content_reports.created_at')
    .orderBy('content_reports.id')
    .limit(500)
    .execute();
  const items = new Map<string, QueueItem>();
  for (const row of rows) {
    const kind = row.comment_id ? 'comment' : 'proposal';
    const id = row.comment_id ?? row.reported_proposal!;
    const item = items.get(id) ?? { kind, id, proposal_id: row.comment_proposal ?? row.reported_proposal!, text: (kind === 'comment' ? row.body : row.title) ?? '', hidden: !!(row.proposal_hidden ?? row.comment_hidden), reasons: [] };
    item.reasons.push(row.reason);
    items.set(id, item);
  }
  return [...items.values()].sort((a, b) => b.reasons.length - a.reasons.length);
}

/** Appeals waiting for a decision, with the hidden text and the reason it was hidden. */
export async function openAppeals(db: Db, communeId: string) {
  return participationDb(db)
    .selectFrom('moderation_appeals as a')
    .leftJoin('proposals', 'proposals.id', 'a.proposal_id')
    .leftJoin('proposal_comments as c', 'c.id', 'a.comment_id')
    .select(['a.id', 'a.body', 'a.proposal_id', 'a.comment_id', 'proposals.title', 'proposals.hidden_reason as proposal_reason', 'c.body as comment_body', 'c.proposal_id as comment_proposal', 'c.hidden_reason as comment_reason'])
    .select((eb) => eb.fn.coalesce('proposals.hidden_by', 'c.hidden_by').as('hidden_by'))
    .where('a.commune_id', '=', communeId)
    .where('a.decided_at', 'is', null)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(200)
    .execute();
}

/** The appeals a person made about a proposal and its comments, to show their state on its page. */
export async function appealsOnProposal(db: Db, communeId: string, proposalId: string, authorId: string) {
  return participationDb(db)
    .selectFrom('moderation_appeals as a')
    .leftJoin('proposal_comments as c', 'c.id', 'a.comment_id')
    .select(['a.id', 'a.proposal_id', 'a.comment_id', 'a.decision'])
    .where('a.commune_id', '=', communeId)
    .where('a.author_id', '=', authorId)
    .where((eb) => eb.or([eb('a.proposal_id', '=', proposalId), eb('c.proposal_id', '=', proposalId)]))
    .execute();
}
