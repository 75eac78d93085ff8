import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { scoped } from '../queries/participation-queries.js';

/** An outcome link is a path of this site or a web address; anything else (javascript:, data:, //host) is refused. */
export function isSafeOutcomeUrl(url: string): boolean {
  if (/^\/(?![/\\])\S*$/.test(url)) return true;
  if (!/^https?:\/\/\S+$/i.test(url)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Links a proposal to what came of it (a budget project, a commitment…); an empty label and URL clear the link. */
export async function setOutcome(db: Kysely<PlatformTables>, communeId: string, proposalId: string, outcome: { label: string; url: string } | null) {
  const updated = await scoped(db, communeId)
    .updateTable('proposals')
    .set({ outcome_label: outcome?.label ?? null, outcome_url: outcome?.url ?? null })
    .where('id', '=', proposalId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
}
