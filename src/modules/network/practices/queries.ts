import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type Principle, type PracticeRow, practicesDb, scopedPractices } from './tables.js';

type Db = Kysely<PlatformTables>;

// Must match the expression of network_practices_search_idx so PostgreSQL can use the index.
const searchDocument = sql`(to_tsvector('french', network_practices.search_text) || to_tsvector('english', network_practices.search_text) || to_tsvector('portuguese', network_practices.search_text) || to_tsvector('arabic', network_practices.search_text))`;
const memberCommune = sql<boolean>`communes.enabled_modules @> '["network"]'::jsonb`;

export const practicesPageSize = 20;

export interface PracticeFilters {
  q: string;
  principle: Principle | '';
  module: string;
  country: string;
  page: number;
}

export interface PracticeListItem {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  principles: Principle[];
  modules: string[];
  commune_slug: string;
  commune_name: LocalizedText;
  country: string;
  published_at: Date | null;
}

/** Any word of the query, stemmed in each language of the network (a French title is found from "budgets"). */
function searchQuery(text: string) {
  const words = text.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 1).slice(0, 12).join(' or ');
  if (!words) return null;
  return sql`(websearch_to_tsquery('french', ${words}) || websearch_to_tsquery('english', ${words}) || websearch_to_tsquery('portuguese', ${words}) || websearch_to_tsquery('arabic', ${words}))`;
}

function publishedPractices(db: Db) {
  return practicesDb(db)
    .selectFrom('network_practices')
    .innerJoin('communes', 'communes.id', 'network_practices.commune_id')
    .where('network_practices.status', '=', 'published')
    .where(memberCommune);
}

/** The network's published practices matching the words and filters, best match (or newest) first. */
export async function searchPractices(db: Db, filters: PracticeFilters): Promise<{ items: PracticeListItem[]; total: number }> {
  const query = searchQuery(filters.q);
  let base = publishedPractices(db);
  if (query) base = base.where(sql<boolean>`${searchDocument} @@ ${query}`);
  if (filters.principle) base = base.where(sql<boolean>`network_practices.principles @> ${JSON.stringify([filters.principle])}::jsonb`);
  if (filters.module) base = base.where(sql<boolean>`network_practices.modules @> ${JSON.stringify([filters.module])}::jsonb`);
  if (filters.country) base = base.where('communes.country', '=', filters.country);
  const counted = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let rows = base.select(['network_practices.id', 'network_practices.title', 'network_practices.summary', 'network_practices.principles', 'network_practices.modules', 'network_practices.published_at', 'communes.slug as commune_slug', 'communes.name as commune_name', 'communes.country']);
  if (query) rows = rows.orderBy(sql`ts_rank(${searchDocument}, ${query})`, 'desc');
  const items = await rows.orderBy('network_practices.published_at', 'desc').orderBy('network_practices.id').limit(practicesPageSize).offset((filters.page - 1) * practicesPageSize).execute();
  return { items: items as PracticeListItem[], total: Number(counted.n) };
}

/** Countries of the member communes that have published practices, for the filter. */
export async function practiceCountries(db: Db): Promise<string[]> {
  const rows = await publishedPractices(db).select('communes.country').distinct().orderBy('communes.country').execute();
  return rows.map((row) => row.country);
}

export async function publishedPractice(db: Db, id: string) {
  return publishedPractices(db)
    .selectAll('network_practices')
    .select(['communes.slug as commune_slug', 'communes.name as commune_name', 'communes.country'])
    .where('network_practices.id', '=', id)
    .executeTakeFirst();
}

export type PublishedPractice = NonNullable<Awaited<ReturnType<typeof publishedPractice>>>;

export async function communePractices(db: Db, communeId: string, options: { publishedOnly: boolean }): Promise<PracticeRow[]> {
  let query = scopedPractices(db, communeId).selectFrom('network_practices').selectAll();
  if (options.publishedOnly) query = query.where('status', '=', 'published');
  return query.orderBy('updated_at', 'desc').orderBy('id').limit(200).execute();
}

export async function practiceDocuments(db: Db, communeId: string, practiceId: string) {
  return scopedPractices(db, communeId)
    .selectFrom('network_practice_documents')
    .innerJoin('stored_files', 'stored_files.id', 'network_practice_documents.file_id')
    .select(['network_practice_documents.id', 'network_practice_documents.title', 'network_practice_documents.kind', 'network_practice_documents.file_id', 'stored_files.byte_size'])
    .where('network_practice_documents.practice_id', '=', practiceId)
    .orderBy('network_practice_documents.added_at')
    .execute();
}

export type PracticeDocument = Awaited<ReturnType<typeof practiceDocuments>>[number];
