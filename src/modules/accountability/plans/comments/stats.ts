import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';

// placeholder: replaced by the lead's implementation at merge
export async function unansweredCommentStats(_db: Kysely<PlatformTables>, _communeId: string, _planId: string): Promise<{ total: number; unanswered: number }> {
  return { total: 0, unanswered: 0 };
}
