import { type Kysely, sql } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { councilDb, type CouncilDecisionRow, type DecisionCategory, type DecisionStatus, type DecisionVote } from './tables.js';

export const pageSize = 20;

export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(councilDb(db), communeId);

export interface DecisionFilters {
  q?: string;
  category?: DecisionCategory;
  year?: number;
  status?: DecisionStatus;
  page: number;
}

/** Published decisions matching the filters, newest first; one extra row tells whether a next page exists. */
export async function searchPublishedDecisions(db: Kysely<PlatformTables>, communeId: string, filters: DecisionFilters) {
  let query = scoped(db, communeId).selectFrom('council_decisions').selectAll().where('published_at', '<=', new Date());
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('number', 'ilike', pattern), eb(sql`subject::text`, 'ilike', pattern), eb(sql`full_text::text`, 'ilike', pattern)]));
  }
  if (filters.category) query = query.where('category', '=', filters.category);
  if (filters.year) query = query.where('year', '=', filters.year);
  if (filters.status) query = query.where('status', '=', filters.status);
  const rows = await query
    .orderBy('decision_date', 'desc')
    .orderBy('number', 'desc')
    .orderBy('id')
    .limit(pageSize + 1)
    .offset((filters.page - 1) * pageSize)
    .execute();
  return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/** Every published decision, oldest first, for the exports. */
export function allPublishedDecisions(db: Kysely<PlatformTables>, communeId: string): Promise<CouncilDecisionRow[]> {
  return scoped(db, communeId).selectFrom('council_decisions').selectAll().where('published_at', '<=', new Date()).orderBy('decision_date').orderBy('number').orderBy('id').execute();
}

export async function findDecision(db: Kysely<PlatformTables>, communeId: string, id: string, options: { publishedOnly: boolean }) {
  if (!isUuid(id)) return undefined;
  let query = scoped(db, communeId).selectFrom('council_decisions').selectAll().where('id', '=', id);
  if (options.publishedOnly) query = query.where('published_at', '<=', new Date());
  return query.executeTakeFirst();
}

export function votesOf(db: Kysely<PlatformTables>, communeId: string, decisionId: string): Promise<DecisionVote[]> {
  return scoped(db, communeId).selectFrom('council_decision_votes').selectAll().where('decision_id', '=', decisionId).orderBy('id').execute();
}

export function findSession(db: Kysely<PlatformTables>, communeId: string, id: string) {
  return scoped(db, communeId).selectFrom('council_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSessions(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('council_sessions').selectAll().orderBy('session_date', 'desc').orderBy('id').limit(200).execute();
}

/** The back-office list: every decision, drafts included, newest first. */
export function listAllDecisions(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('council_decisions').selectAll().orderBy('decision_date', 'desc').orderBy('number', 'desc').orderBy('id').limit(500).execute();
}

/** Years that have published decisions, for the search form. */
export async function publishedYears(db: Kysely<PlatformTables>, communeId: string): Promise<number[]> {
  const rows = await scoped(db, communeId).selectFrom('council_decisions').select('year').distinct().where('published_at', '<=', new Date()).orderBy('year', 'desc').execute();
  return rows.map((row) => row.year);
}

export async function numberTaken(db: Kysely<PlatformTables>, communeId: string, year: number, number: string, exceptId: string | null) {
  let query = scoped(db, communeId).selectFrom('council_decisions').select('id').where('year', '=', year).where('number', '=', number);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}
