import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import { isUuid, scoped } from './queries/participation-queries.js';

/** What another module may show of a proposal: no personal data beyond the public author name. */
export interface ProposalSummary {
  id: string;
  title: string;
  body: string;
  neighbourhood: string | null;
  /** Display name of the author; null when a mediator entered it for an assisted participant. */
  authorName: string | null;
}

function summaries(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId)
    .selectFrom('proposals')
    .innerJoin('consultations', 'consultations.id', 'proposals.consultation_id')
    .leftJoin('users', 'users.id', 'proposals.author_id')
    .select(['proposals.id', 'proposals.title', 'proposals.body', 'proposals.neighbourhood', 'proposals.on_behalf_of', 'users.display_name'])
    .where('consultations.status', '!=', 'draft');
}

const toSummary = (row: { id: string; title: string; body: string; neighbourhood: string | null; on_behalf_of: string | null; display_name: string | null }): ProposalSummary => ({
  id: row.id,
  title: row.title,
  body: row.body,
  neighbourhood: row.neighbourhood,
  authorName: row.on_behalf_of ? null : row.display_name,
});

/** A public proposal of the commune, or undefined (drafts and other communes are not found). */
export async function findProposalSummary(db: Kysely<PlatformTables>, communeId: string, id: string): Promise<ProposalSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await summaries(db, communeId).where('proposals.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** The commune's public proposals, newest first, for staff to pick one from. */
export async function listProposalSummaries(db: Kysely<PlatformTables>, communeId: string, limit = 200): Promise<ProposalSummary[]> {
  const rows = await summaries(db, communeId).orderBy('proposals.created_at', 'desc').orderBy('proposals.id').limit(limit).execute();
  return rows.map(toSummary);
}

export const proposalPath = (communeSlug: string, proposalId: string) => `/${communeSlug}/proposals/${proposalId}`;
