import { type Kysely, sql } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { ParticipationTables } from '../db/tables.js';

export type ParticipationDb = Kysely<PlatformTables & ParticipationTables>;
export const participationDb = (db: Kysely<PlatformTables>): ParticipationDb => db.withTables<ParticipationTables>();
export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(participationDb(db), communeId);

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

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

// The random order is md5(id || seed): stable for a seed, different between seeds, and usable as a keyset.
const randomKey = (seed: string) => sql<string>`md5(proposals.id::text || ${seed})`;

/** Where the next page starts: the sort value and id of the last proposal shown (keyset pagination). */
function encodeCursor(sort: ProposalSort, row: { created_at: Date; support_count: number; id: string; random_key?: string }): string {
  const value = sort === 'supported' ? row.support_count : sort === 'random' ? row.random_key : row.created_at.toISOString();
  return `${value}_${row.id}`;
}

function decodeCursor(sort: ProposalSort, cursor: string | undefined): { value: number | Date | string; id: string } | null {
  const match = /^(.+)_([0-9a-f-]{36})$/.exec(cursor ?? '');
  if (!match) return null;
  if (sort === 'random') return /^[0-9a-f]{32}$/.test(match[1]!) ? { value: match[1]!, id: match[2]! } : null;
  const value = sort === 'supported' ? Number(match[1]) : new Date(match[1]!);
  return (typeof value === 'number' ? Number.isInteger(value) : !Number.isNaN(value.getTime())) ? { value, id: match[2]! } : null;
}

/** One page of a consultation's proposals, filtered and sorted, resuming after a cursor. */
export async function listProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string, sort: ProposalSort, cursor?: string, filters: ProposalFilters = {}) {
  const seed = filters.seed ?? '0';
  const key = sort === 'supported' ? sql.ref('proposals.support_count') : sort === 'random' ? randomKey(seed) : sql.ref('proposals.created_at');
  let query = scoped(db, communeId).selectFrom('proposals').selectAll('proposals').select(randomKey(seed).as('random_key')).where('proposals.consultation_id', '=', consultationId).where('proposals.merged_into_id', 'is', null);
  if (filters.category) query = query.where('proposals.category', '=', filters.category);
  if (filters.neighbourhood) query = query.where('proposals.neighbourhood', '=', filters.neighbourhood);
  if (filters.answer === 'awaiting') query = query.where('proposals.answer', 'is', null);
  else if (filters.answer) query = query.where('proposals.answer', '=', filters.answer as never);
  const after = decodeCursor(sort, cursor);
  const direction = sort === 'random' ? 'asc' : 'desc';
  if (after) {
    const beyond = direction === 'desc' ? sql`${key} < ${after.value}` : sql`${key} > ${after.value}`;
    query = query.where(sql<boolean>`(${beyond} or (${key} = ${after.value} and proposals.id > ${after.id}))`);
  }
  const rows = await query.orderBy(key, direction).orderBy('proposals.id').limit(proposalPageSize + 1).execute();
  const items = rows.slice(0, proposalPageSize).map((row) => ({ ...row, supports: row.support_count }));
  const last = items.at(-1);
  return { items, next: rows.length > proposalPageSize && last ? encodeCursor(sort, last) : null };
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

/** Participation figures of a consultation, by channel and by the optional profile answers (trigger-kept, one query). */
export async function consultationStats(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  // communeScope cannot express a UNION, so both halves name commune_id explicitly.
  const { rows } = await sql<{ kind: 'channel' | 'gender'; key: string | null; n: number }>`
    select 'channel' as kind, channel as key, proposals as n from consultation_channel_counts
      where commune_id = ${communeId} and consultation_id = ${consultationId} and proposals > 0
    union all
    select 'gender', gender, count(*)::int from consultation_participants
      where commune_id = ${communeId} and consultation_id = ${consultationId} group by gender
    order by 1, 2`.execute(db);
  const byChannel = rows.filter((r) => r.kind === 'channel').map((r) => ({ channel: r.key ?? 'web', count: Number(r.n) }));
  return {
    proposals: byChannel.reduce((sum, row) => sum + row.count, 0),
    byChannel,
    participantsByGender: rows.filter((r) => r.kind === 'gender').map((r) => ({ gender: r.key, count: Number(r.n) })),
  };
}

/** Proposals still without the commune's answer, oldest first (shown publicly once the consultation closes). */
export async function unansweredProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  return scoped(db, communeId).selectFrom('proposals').select(['id', 'title']).where('consultation_id', '=', consultationId).where('answer', 'is', null).where('merged_into_id', 'is', null).orderBy('created_at').orderBy('id').limit(200).execute();
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
