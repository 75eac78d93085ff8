import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { ParticipationTables } from '../db/tables.js';
import { isUuid } from '../../../platform/db/uuid.js';

export type ParticipationDb = Kysely<PlatformTables & ParticipationTables>;
export const participationDb = (db: Kysely<PlatformTables>): ParticipationDb => db.withTables<ParticipationTables>();
export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(participationDb(db), communeId);

export { isUuid } from '../../../platform/db/uuid.js';

/** Consultations citizens may see: published or closed, never drafts. */
export async function listPublicConsultations(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('consultations').selectAll().where('status', '!=', 'draft').orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findConsultation(db: Kysely<PlatformTables>, communeId: string, id: string, options: { includeDrafts?: boolean } = {}) {
  if (!isUuid(id)) return undefined;
  let query = scoped(db, communeId).selectFrom('consultations').selectAll().where('id', '=', id);
  if (!options.includeDrafts) query = query.where('status', '!=', 'draft');
  return query.executeTakeFirst();
}

export async function phasesOf(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  return scoped(db, communeId).selectFrom('consultation_phases').selectAll().where('consultation_id', '=', consultationId).orderBy('starts_on').orderBy('id').execute();
}

export const proposalPageSize = 20;

export type ProposalSort = 'newest' | 'supported' | 'random';

export interface ProposalFilters {
  neighbourhood?: string | undefined;
  /** One of the consultation's categories (index proposals_by_category_*). */
  category?: string | undefined;
  /** 'awaiting' = not answered yet, or one of the answers. */
  answer?: string | undefined;
  /** Seed of the random order, so a visitor paging through sees each proposal once. */
  seed?: string | undefined;
}

type Cursor = { value: number | Date; id: string; segment?: 'from-pivot' | 'before-pivot' };
type ProposalRow = { created_at: Date; support_count: number; random_rank: number; id: string };

/**
 * The random order: every proposal drew a random rank once; a visitor's seed picks the pivot where the
 * list starts, then wraps around. Stable for a seed, different between seeds, and two index range scans.
 */
function pivotOf(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % 2147483647;
}

/** Where the next page starts: the sort value and id of the last proposal shown (keyset pagination). */
function encodeCursor(sort: ProposalSort, row: ProposalRow, pivot: number): string {
  if (sort === 'random') return `${row.random_rank >= pivot ? 'a' : 'b'}${row.random_rank}_${row.id}`;
  return `${sort === 'supported' ? row.support_count : row.created_at.toISOString()}_${row.id}`;
}

function decodeCursor(sort: ProposalSort, cursor: string | undefined): Cursor | null {
  const match = /^(.+)_([0-9a-f-]{36})$/.exec(cursor ?? '');
  if (!match) return null;
  if (sort === 'random') {
    const random = /^([ab])(\d{1,10})$/.exec(match[1]!);
    return random ? { value: Number(random[2]), id: match[2]!, segment: random[1] === 'a' ? 'from-pivot' : 'before-pivot' } : null;
  }
  const value = sort === 'supported' ? Number(match[1]) : new Date(match[1]!);
  return (typeof value === 'number' ? Number.isInteger(value) : !Number.isNaN(value.getTime())) ? { value, id: match[2]! } : null;
}

const listColumns = ['proposals.id', 'proposals.title', 'proposals.support_count', 'proposals.answer', 'proposals.channel', 'proposals.category', 'proposals.created_at', 'proposals.random_rank'] as const;

function filteredProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string, filters: ProposalFilters) {
  // Only what a list card shows and the cursor needs: the texts of twenty proposals would weigh more than the page.
  let query = scoped(db, communeId).selectFrom('proposals').select(listColumns).where('proposals.consultation_id', '=', consultationId).where('proposals.hidden_at', 'is', null).where('proposals.merged_into_id', 'is', null);
  if (filters.category) query = query.where('proposals.category', '=', filters.category);
  if (filters.neighbourhood) query = query.where('proposals.neighbourhood', '=', filters.neighbourhood);
  if (filters.answer === 'awaiting') query = query.where('proposals.answer', 'is', null);
  else if (filters.answer) query = query.where('proposals.answer', '=', filters.answer as never);
  return query;
}

type FilteredQuery = ReturnType<typeof filteredProposals>;

/** Rows after a cursor in (key, id) order; the key is the sort column. */
function after(query: FilteredQuery, key: 'created_at' | 'support_count' | 'random_rank', direction: 'asc' | 'desc', cursor: Cursor | null) {
  if (!cursor) return query;
  const column = sql.ref(`proposals.${key}`);
  const beyond = direction === 'desc' ? sql`${column} < ${cursor.value}` : sql`${column} > ${cursor.value}`;
  return query.where(sql<boolean>`(${beyond} or (${column} = ${cursor.value} and proposals.id > ${cursor.id}))`);
}

/** The random order: ranks from the pivot up, then from the bottom up to the pivot. */
async function randomPage(query: FilteredQuery, pivot: number, cursor: Cursor | null, limit: number) {
  const inOrder = (q: FilteredQuery, n: number) => q.orderBy('proposals.random_rank').orderBy('proposals.id').limit(n).execute();
  const fromPivot = cursor?.segment === 'before-pivot' ? [] : await inOrder(after(query.where('proposals.random_rank', '>=', pivot), 'random_rank', 'asc', cursor), limit);
  if (fromPivot.length >= limit) return fromPivot;
  const wrapped = after(query.where('proposals.random_rank', '<', pivot), 'random_rank', 'asc', cursor?.segment === 'before-pivot' ? cursor : null);
  return [...fromPivot, ...(await inOrder(wrapped, limit - fromPivot.length))];
}

/** One page of a consultation's proposals, filtered and sorted, resuming after a cursor. */
export async function listProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string, sort: ProposalSort, cursor?: string, filters: ProposalFilters = {}) {
  const query = filteredProposals(db, communeId, consultationId, filters);
  const position = decodeCursor(sort, cursor);
  const pivot = pivotOf(filters.seed ?? '0');
  const limit = proposalPageSize + 1;
  const key = sort === 'supported' ? 'support_count' : 'created_at';
  const rows = sort === 'random' ? await randomPage(query, pivot, position, limit) : await after(query, key, 'desc', position).orderBy(`proposals.${key}`, 'desc').orderBy('proposals.id').limit(limit).execute();
  const items = rows.slice(0, proposalPageSize).map((row) => ({ ...row, supports: row.support_count }));
  const last = items.at(-1);
  return { items, next: rows.length > proposalPageSize && last ? encodeCursor(sort, last, pivot) : null };
}

export async function findProposal(db: Kysely<PlatformTables>, communeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId)
    .selectFrom('proposals')
    .innerJoin('consultations', 'consultations.id', 'proposals.consultation_id')
    .leftJoin('users', 'users.id', 'proposals.author_id')
    .selectAll('proposals')
    .select(['users.display_name as author_name'])
    .where('proposals.id', '=', id)
    .where('consultations.status', '!=', 'draft')
    .executeTakeFirst();
}

export async function supportState(db: Kysely<PlatformTables>, communeId: string, proposalId: string, userId: string | null) {
  const inCommune = scoped(db, communeId);
  const proposal = await inCommune.selectFrom('proposals').select('support_count').where('id', '=', proposalId).executeTakeFirstOrThrow();
  const mine = userId ? await inCommune.selectFrom('proposal_supports').select('id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst() : undefined;
  return { count: proposal.support_count, supported: !!mine };
}

export type StatsRow = { dimension: string; key: string; n: number };

/** The figures as the page shows them, from the counters' rows. */
export function statsFromRows(rows: StatsRow[]) {
  const of = (dimension: string) => rows.filter((r) => r.dimension === dimension).map((r) => ({ key: r.key, count: Number(r.n) }));
  const total = (dimension: string) => of(dimension).reduce((sum, row) => sum + row.count, 0);
  return {
    proposals: total('channel'),
    participants: total('participants'),
    comments: total('comments'),
    byChannel: of('channel').map(({ key, count }) => ({ channel: key, count })),
    participantsByGender: of('gender').map(({ key, count }) => ({ gender: key, count })),
    participantsByAgeBand: of('age_band').map(({ key, count }) => ({ ageBand: key, count })),
  };
}

/** Visible proposals still without the commune's answer, oldest first (shown publicly once the consultation closes). */
export async function unansweredProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  return scoped(db, communeId).selectFrom('proposals').select(['id', 'title']).where('consultation_id', '=', consultationId).where('answer', 'is', null).where('hidden_at', 'is', null).where('merged_into_id', 'is', null).orderBy('created_at').orderBy('id').limit(200).execute();
}

export async function assistedParticipants(db: Kysely<PlatformTables>, communeId: string) {
  return communeScope(db, communeId).selectFrom('assisted_participants').select(['id', 'full_name', 'neighbourhood']).orderBy('full_name').orderBy('id').limit(500).execute();
}

// Must match the expression of proposals_search_idx so PostgreSQL can use the index.
const searchDocument = sql`(to_tsvector('french', proposals.title || ' ' || proposals.body) || to_tsvector('arabic', proposals.title || ' ' || proposals.body))`;

/** Existing proposals of a consultation that look like the text being written (French and Arabic stemming). */
export async function similarProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string, text: string) {
  const words = text.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 2).slice(0, 12).join(' or ');
  if (!words) return [];
  const query = sql`(websearch_to_tsquery('french', ${words}) || websearch_to_tsquery('arabic', ${words}))`;
  return scoped(db, communeId)
    .selectFrom('proposals')
    .select(['id', 'title'])
    .where('consultation_id', '=', consultationId)
    .where('hidden_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .where(sql<boolean>`${searchDocument} @@ ${query}`)
    .orderBy(sql`ts_rank(${searchDocument}, ${query})`, 'desc')
    .orderBy('id')
    .limit(5)
    .execute();
}

export async function meetingsOf(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  return scoped(db, communeId).selectFrom('consultation_meetings').selectAll().where('consultation_id', '=', consultationId).orderBy('starts_at').orderBy('id').limit(100).execute();
}
