import { notify } from '../notifications/notify.js';
import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import { isUuid, scoped } from '../queries/participation-queries.js';

/**
 * Merges a duplicate into the proposal kept, in one transaction: supports move (a person who supported both
 * counts once; the support_count trigger follows every inserted and deleted row), the duplicate points at the
 * kept proposal, both authors are told in their inbox and the audit entry is written in the same transaction.
 * Refuses self, cross-consultation, merged targets and chains.
 */
export async function mergeProposal(db: Kysely<PlatformTables>, communeId: string, duplicateId: string, keptId: string, staff: { userId: string | null; ip?: string | null }) {
  if (!isUuid(duplicateId) || !isUuid(keptId)) throw new AppError('NOT_FOUND');
  if (duplicateId === keptId) throw new AppError('CONFLICT', 'a proposal cannot be merged into itself');
  return db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, communeId);
    // Both rows locked in id order, so two merges of the same pair cannot interleave or deadlock.
    const rows = await inCommune.selectFrom('proposals').select(['id', 'consultation_id', 'author_id', 'merged_into_id']).where('id', 'in', [duplicateId, keptId]).orderBy('id').forUpdate().execute();
    const duplicate = rows.find((r) => r.id === duplicateId);
    const kept = rows.find((r) => r.id === keptId);
    if (!duplicate || !kept) throw new AppError('NOT_FOUND');
    if (duplicate.consultation_id !== kept.consultation_id) throw new AppError('CONFLICT', 'proposals of different consultations');
    if (duplicate.merged_into_id || kept.merged_into_id) throw new AppError('CONFLICT', 'already merged');
    const mergedIntoDuplicate = await inCommune.selectFrom('proposals').select('id').where('merged_into_id', '=', duplicateId).executeTakeFirst();
    if (mergedIntoDuplicate) throw new AppError('CONFLICT', 'others were merged into the duplicate: that would make a chain');

    // communeScope cannot express INSERT … SELECT, so the commune is named explicitly.
    await sql`
      insert into proposal_supports (commune_id, proposal_id, user_id, created_at)
      select commune_id, ${keptId}, user_id, created_at from proposal_supports where commune_id = ${communeId} and proposal_id = ${duplicateId}
      on conflict on constraint proposal_supports_one_per_person do nothing`.execute(trx);
    await inCommune.deleteFrom('proposal_supports').where('proposal_id', '=', duplicateId).execute();
    await inCommune.updateTable('proposals').set({ merged_into_id: keptId }).where('id', '=', duplicateId).execute();
    const authors = [...new Set([duplicate.author_id, kept.author_id])];
    await notify(trx, { kind: 'proposal_merged', communeId, actorId: staff.userId, about: { proposalId: duplicateId }, to: { users: authors, followersOfProposal: duplicateId } });
    await recordAudit(trx, { communeId, actorUserId: staff.userId, action: 'proposal.merged', resourceType: 'proposal', resourceId: duplicateId, ip: staff.ip ?? null, details: { into: keptId } });
    return { consultationId: kept.consultation_id };
  });
}
