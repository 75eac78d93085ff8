import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { communeDb } from './public-queries.js';

export interface CouncilDecision {
  id: string;
  title: LocalizedText;
  date: string;
  /** The published document, for a link from another page. */
  path: string;
}

/** The council's decisions (documents filed as deliberations), newest first, for other modules to link to. */
export async function councilDecisions(db: Kysely<PlatformTables>, communeId: string): Promise<CouncilDecision[]> {
  const rows = await communeDb(db)
    .selectFrom('commune_documents')
    .select(['id', 'title', 'document_date', 'file_id'])
    .where('commune_id', '=', communeId)
    .where('category', '=', 'deliberation')
    .orderBy('document_date', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, date: String(row.document_date), path: `/files/${row.file_id}` }));
}

/** The council's announced meetings, newest first, for another module to attach a record to one. */
export async function councilMeetingChoices(db: Kysely<PlatformTables>, communeId: string): Promise<{ id: string; title: LocalizedText; startsAt: Date }[]> {
  const rows = await communeDb(db)
    .selectFrom('council_meetings')
    .select(['id', 'title', 'starts_at'])
    .where('commune_id', '=', communeId)
    .orderBy('starts_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, startsAt: row.starts_at }));
}
