import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Category, Request, RequestEvent, RequestKind, Service, State } from '../db/tables.js';
import { scoped } from './requests-db.js';

export async function findByReference(db: Kysely<PlatformTables>, communeId: string, reference: string): Promise<Request | undefined> {
  return scoped(db, communeId).selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export async function findRequest(db: Kysely<PlatformTables>, communeId: string, id: string): Promise<Request | undefined> {
  return scoped(db, communeId).selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who reads a timeline: the public (public entries), the person who filed it (all but staff notes), staff (all). */
export type TimelineAudience = 'public' | 'reporter' | 'staff';

/** The timeline of a request, oldest first, as its audience may read it. */
export async function eventsOf(db: Kysely<PlatformTables>, communeId: string, requestId: string, audience: TimelineAudience): Promise<RequestEvent[]> {
  let query = scoped(db, communeId).selectFrom('request_events').selectAll().where('request_id', '=', requestId);
  if (audience === 'public') query = query.where('is_public', '=', true);
  if (audience === 'reporter') query = query.where('kind', '!=', 'note');
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function categoriesOf(db: Kysely<PlatformTables>, communeId: string, options: { activeOnly: boolean }): Promise<Category[]> {
  let query = scoped(db, communeId).selectFrom('request_categories').selectAll();
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.orderBy('position').orderBy('code').execute();
}

export async function statesOf(db: Kysely<PlatformTables>, communeId: string): Promise<State[]> {
  return scoped(db, communeId).selectFrom('request_states').selectAll().orderBy('position').orderBy('code').execute();
}

export async function servicesOf(db: Kysely<PlatformTables>, communeId: string): Promise<Service[]> {
  return scoped(db, communeId).selectFrom('request_services').selectAll().orderBy('position').orderBy('id').execute();
}

export interface PublicListFilters {
  kind: RequestKind;
  categoryId?: string | undefined;
  neighbourhood?: string | undefined;
  open?: boolean | undefined;
}

export const publicListPageSize = 30;

/** Requests anyone may read (not private), newest first, a page at a time; never who filed them. */
export async function listPublicRequests(db: Kysely<PlatformTables>, communeId: string, filters: PublicListFilters, page = 1) {
  let query = scoped(db, communeId)
    .selectFrom('requests')
    .select(['id', 'reference', 'kind', 'category_id', 'subject', 'description', 'neighbourhood', 'status', 'stage', 'is_open', 'submitted_on', 'due_on', 'created_at', 'closed_at'])
    .where('kind', '=', filters.kind)
    .where('is_private', '=', false);
  if (filters.categoryId) query = query.where('category_id', '=', filters.categoryId);
  if (filters.neighbourhood) query = query.where('neighbourhood', '=', filters.neighbourhood);
  if (filters.open !== undefined) query = query.where('is_open', '=', filters.open);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(publicListPageSize + 1)
    .offset((page - 1) * publicListPageSize)
    .execute();
}

/** The requests a signed-in person filed, newest first. */
export async function requestsFiledBy(db: Kysely<PlatformTables>, communeId: string, userId: string) {
  return scoped(db, communeId)
    .selectFrom('requests')
    .select(['id', 'reference', 'kind', 'category_id', 'subject', 'status', 'is_open', 'submitted_on', 'due_on', 'updated_at'])
    .where('reporter_user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}
