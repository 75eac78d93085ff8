import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../platform/i18n/locales.js';
import type { InfluenceLevel } from './db/tables.js';
import { scoped } from './queries/participation-queries.js';

/** What another module may show of a public consultation (a plan's co-creation record links to it). */
export interface ConsultationSummary {
  id: string;
  title: LocalizedText;
  influenceLevel: InfluenceLevel;
  createdAt: Date;
}

/** The commune's public consultations (drafts are not public), newest first. */
export async function listConsultationSummaries(db: Kysely<PlatformTables>, communeId: string, limit = 200): Promise<ConsultationSummary[]> {
  const rows = await scoped(db, communeId)
    .selectFrom('consultations')
    .select(['id', 'title', 'influence_level', 'created_at'])
    .where('status', '!=', 'draft')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, influenceLevel: row.influence_level, createdAt: row.created_at }));
}

export const consultationPath = (communeSlug: string, consultationId: string) => `/${communeSlug}/consultations/${consultationId}`;
