import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import { appealsOnProposal } from './commands/moderation-commands.js';
import type { OwnAppeal } from './views/moderation-views.js';

export interface ProposalModeration {
  isAuthor: boolean;
  appeals: OwnAppeal[];
  /** The signed-in person's own hidden comments, which they may appeal. */
  ownHiddenComments: { id: string; body: string; hidden_reason: string | null }[];
}

/** What the proposal page shows about moderation to the person reading it. */
export async function proposalModeration(
  db: Kysely<PlatformTables>,
  communeId: string,
  proposal: { id: string; author_id: string },
  comments: { id: string; author_id: string; body: string; hidden_at: Date | null; hidden_reason: string | null }[],
  userId: string | null,
): Promise<ProposalModeration> {
  if (!userId) return { isAuthor: false, appeals: [], ownHiddenComments: [] };
  const ownHiddenComments = comments.filter((c) => c.author_id === userId && c.hidden_at);
  const isAuthor = proposal.author_id === userId;
  const appeals = isAuthor || ownHiddenComments.length > 0 ? await appealsOnProposal(db, communeId, proposal.id, userId) : [];
  return { isAuthor, appeals, ownHiddenComments };
}
