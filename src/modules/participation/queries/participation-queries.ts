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

/** Proposals with their support counts, newest or most supported first. */
export async function listProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string, sort: 'newest' | 'supported', page = 1) {
  const rows = await scoped(db, communeId)
    .selectFrom('proposals')
    .selectAll('proposals')
    .select((eb) => eb.selectFrom('proposal_supports').select(eb.fn.countAll<number>().as('n')).whereRef('proposal_supports.proposal_id', '=', 'proposals.id').as('supports'))
    .where('proposals.consultation_id', '=', consultationId)
    .orderBy(sort === 'supported' ? sql`supports` : sql`proposals.created_at`, 'desc')
    .orderBy('proposals.id')
    .limit(proposalPageSize + 1)
    .offset((page - 1) * proposalPageSize)
    .execute();
  return { items: rows.slice(0, proposalPageSize).map((r) => ({ ...r, supports: Number(r.supports ?? 0) })), hasMore: rows.length > proposalPageSize };
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
  const count = await inCommune.selectFrom('proposal_supports').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow();
  const mine = userId ? await inCommune.selectFrom('proposal_supports').select('id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst() : undefined;
  return { count: Number(count.n), supported: !!mine };
}

/** Participation figures of a consultation, by channel and by the optional profile answers. */
export async function consultationStats(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  const inCommune = scoped(db, communeId);
  const byChannel = await inCommune.selectFrom('proposals').select(['channel', (eb) => eb.fn.countAll<number>().as('n')]).where('consultation_id', '=', consultationId).groupBy('channel').orderBy('channel').execute();
  const participants = await inCommune
    .selectFrom('proposals')
    .innerJoin('users', 'users.id', 'proposals.author_id')
    .select(['users.gender', (eb) => eb.fn.count<number>(sql`distinct coalesce(proposals.on_behalf_of, proposals.author_id)`).as('n')])
    .where('proposals.consultation_id', '=', consultationId)
    .groupBy('users.gender')
    .orderBy('users.gender')
    .execute();
  return {
    proposals: byChannel.reduce((sum, row) => sum + Number(row.n), 0),
    byChannel: byChannel.map((row) => ({ channel: row.channel, count: Number(row.n) })),
    participantsByGender: participants.map((row) => ({ gender: row.gender, count: Number(row.n) })),
  };
}

/** Proposals still without the commune's answer, oldest first (shown publicly once the consultation closes). */
export async function unansweredProposals(db: Kysely<PlatformTables>, communeId: string, consultationId: string) {
  return scoped(db, communeId).selectFrom('proposals').select(['id', 'title']).where('consultation_id', '=', consultationId).where('answer', 'is', null).orderBy('created_at').orderBy('id').limit(200).execute();
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
    .where(sql<boolean>`${searchDocument} @@ ${query}`)
    .orderBy(sql`ts_rank(${searchDocument}, ${query})`, 'desc')
    .orderBy('id')
    .limit(5)
    .execute();
}
