import { type Kysely, sql } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type Locale, pickLocalized } from '../../../platform/i18n/locales.js';
import type { CommuneTables } from '../db/tables.js';
import { isUuid } from '../../../platform/db/uuid.js';

export type CommuneDb = Kysely<PlatformTables & CommuneTables>;

export const communeDb = (db: Kysely<PlatformTables>): CommuneDb => db.withTables<CommuneTables>();

const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(communeDb(db), communeId);

export async function findProfile(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('commune_profiles').selectAll().executeTakeFirst();
}

/** Published and due: drafts and scheduled posts stay invisible to the public. */
function publishedNews(db: Kysely<PlatformTables>, communeId: string, now: Date) {
  return scoped(db, communeId)
    .selectFrom('news_posts')
    .where('status', '=', 'published')
    .where('publish_at', '<=', now);
}

export const newsPageSize = 10;

export async function listPublishedNews(db: Kysely<PlatformTables>, communeId: string, options: { page?: number; limit?: number; now?: Date } = {}) {
  const limit = options.limit ?? newsPageSize;
  const page = Math.max(1, options.page ?? 1);
  return publishedNews(db, communeId, options.now ?? new Date())
    .selectAll()
    .orderBy('publish_at', 'desc')
    .orderBy('id')
    .limit(limit + 1)
    .offset((page - 1) * limit)
    .execute()
    .then((rows) => ({ items: rows.slice(0, limit), hasMore: rows.length > limit, page }));
}

export async function findPublishedNews(db: Kysely<PlatformTables>, communeId: string, id: string, now = new Date()) {
  if (!isUuid(id)) return undefined;
  return publishedNews(db, communeId, now).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upcomingMeetings(db: Kysely<PlatformTables>, communeId: string, limit = 3) {
  return scoped(db, communeId)
    .selectFrom('council_meetings')
    .selectAll()
    .where('starts_at', '>=', new Date())
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The commune's services and procedures; `q` matches title or description in the reader's language and in French. */
export async function listServices(db: Kysely<PlatformTables>, communeId: string, search: { q?: string | undefined; locale?: Locale } = {}) {
  let query = scoped(db, communeId).selectFrom('commune_services').selectAll();
  const needle = search.q?.trim();
  if (needle) {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const languages = [...new Set([search.locale ?? 'fr', 'fr'])];
    query = query.where((eb) => eb.or(languages.flatMap((language) => ['title', 'description'].map((column) => sql<boolean>`${sql.ref(column)}->>${language} ilike ${pattern}`))));
  }
  return query.orderBy('position').orderBy('id').execute();
}

export async function findService(db: Kysely<PlatformTables>, communeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('commune_services').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A procedure of the commune's catalogue (kind `procedure`), for the modules that take requests for it. */
export async function findProcedure(db: Kysely<PlatformTables>, communeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('commune_services').select(['id', 'title', 'delay_days', 'delay_basis', 'collection', 'fee']).where('id', '=', id).where('kind', '=', 'procedure').executeTakeFirst();
}

/**
 * Whether residents can request the procedure online: the requests module keeps each procedure's form fields
 * (table request_procedure_fields); a procedure with at least one field has a form.
 */
export async function hasRequestForm(db: Kysely<PlatformTables>, communeId: string, serviceId: string): Promise<boolean> {
  const row = await sql<{ found: boolean }>`
    select exists (select 1 from request_procedure_fields where commune_id = ${communeId} and service_id = ${serviceId}) as found`.execute(db);
  return row.rows[0]?.found === true;
}

/** The commune's procedures, in catalogue order. */
export async function listProcedures(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('commune_services').select(['id', 'title']).where('kind', '=', 'procedure').orderBy('position').orderBy('id').execute();
}

export interface DocumentFilters {
  q?: string | undefined;
  category?: string | undefined;
  year?: number | undefined;
}

export async function listDocuments(db: Kysely<PlatformTables>, communeId: string, filters: DocumentFilters) {
  let query = scoped(db, communeId)
    .selectFrom('commune_documents')
    .innerJoin('stored_files', 'stored_files.id', 'commune_documents.file_id')
    .select([
      'commune_documents.id',
      'commune_documents.title',
      'commune_documents.category',
      'commune_documents.document_date',
      'commune_documents.file_id',
      'stored_files.byte_size',
    ]);
  if (filters.category) query = query.where('commune_documents.category', '=', filters.category as never);
  if (filters.year) {
    query = query.where('commune_documents.document_date', '>=', `${filters.year}-01-01`).where('commune_documents.document_date', '<=', `${filters.year}-12-31`);
  }
  const rows = await query.orderBy('commune_documents.document_date', 'desc').orderBy('commune_documents.id').execute();
  const needle = filters.q?.trim().toLocaleLowerCase();
  // Titles are multilingual jsonb; a commune has at most a few hundred documents, so matching here is simplest.
  return needle ? rows.filter((row) => Object.values(row.title).some((title) => title?.toLocaleLowerCase().includes(needle))) : rows;
}

export async function councilData(db: Kysely<PlatformTables>, communeId: string) {
  const inCommune = scoped(db, communeId);
  const [persons, organizations, memberships] = await Promise.all([
    inCommune.selectFrom('council_persons').selectAll().orderBy('name').orderBy('id').execute(),
    inCommune.selectFrom('council_organizations').selectAll().orderBy('classification').orderBy('id').execute(),
    inCommune.selectFrom('council_memberships').selectAll().orderBy('start_date').orderBy('id').execute(),
  ]);
  return { persons, organizations, memberships };
}

export { isUuid } from '../../../platform/db/uuid.js';

/** The commune's neighbourhoods as its profile lists them (other modules offer them as choices). */
export async function communeNeighbourhoods(db: Kysely<PlatformTables>, communeId: string): Promise<string[]> {
  const profile = await scoped(db, communeId).selectFrom('commune_profiles').select('neighbourhoods').executeTakeFirst();
  return profile?.neighbourhoods ?? [];
}

/** The latest published news title in the reader's language, for channels that carry one line (USSD, SMS). */
export async function latestNewsHeadline(db: Kysely<PlatformTables>, communeId: string, locale: Locale): Promise<{ title: string; publishedAt: Date } | null> {
  const [latest] = (await listPublishedNews(db, communeId, { limit: 1 })).items;
  if (!latest) return null;
  return { title: pickLocalized(latest.title, locale)?.value ?? '', publishedAt: latest.publish_at ?? latest.created_at };
}
