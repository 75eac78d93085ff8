import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { open311Db, open311Scoped } from './tables.js';

/** The filters of GET requests, already checked; `references` overrides all the others, as the spec says. */
export interface RequestFilter {
  references?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  statuses?: ('open' | 'closed')[];
  limit: number;
}

/** A complaint's public facts, the only ones Open311 shows: never who filed it, never staff notes. */
export interface PublicComplaint {
  id: string;
  reference: string;
  status: 'open' | 'closed';
  description: string;
  category_code: string | null;
  category_name: LocalizedText | null;
  response_days: number | null;
  service_name: LocalizedText | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  due_on: string | null;
  address: string | null;
  neighbourhood: string | null;
  latitude: number | null;
  longitude: number | null;
  photo_file_id: string | null;
  status_notes: string | null;
}

// The state's own mapping when the state still exists, else what the request last recorded.
const open311Status = sql<'open' | 'closed'>`coalesce(st.open311_status, case when requests.is_open then 'open' else 'closed' end)`;

/** Complaints anyone may read (neither private nor sensitive) of one commune, newest first, with their public notes. */
export async function findPublicComplaints(db: Kysely<PlatformTables>, communeId: string, filter: RequestFilter): Promise<PublicComplaint[]> {
  let query = open311Scoped(db, communeId)
    .selectFrom('requests')
    .leftJoin('request_categories as c', 'c.id', 'requests.category_id')
    .leftJoin('request_services as s', 's.id', 'requests.service_id')
    .leftJoin('request_states as st', (join) => join.onRef('st.commune_id', '=', 'requests.commune_id').onRef('st.code', '=', 'requests.status'))
    .select([
      'requests.id', 'requests.reference', 'requests.description', 'requests.created_at', 'requests.updated_at', 'requests.closed_at', 'requests.due_on',
      'requests.address', 'requests.neighbourhood', 'requests.latitude', 'requests.longitude', 'requests.photo_file_id',
      'c.code as category_code', 'c.name as category_name', 'c.response_days', 's.name as service_name',
    ])
    .select(open311Status.as('status'))
    .where('requests.kind', '=', 'complaint')
    .where('requests.is_private', '=', false)
    .where('requests.sensitive', '=', false);
  if (filter.references) {
    query = query.where('requests.reference', 'in', filter.references.length > 0 ? filter.references : ['']);
  } else {
    if (filter.serviceCodes) query = query.where('c.code', 'in', filter.serviceCodes);
    if (filter.from) query = query.where('requests.created_at', '>=', filter.from);
    if (filter.to) query = query.where('requests.created_at', '<=', filter.to);
    if (filter.statuses) query = query.where(open311Status, 'in', filter.statuses);
  }
  const rows = await query.orderBy('requests.created_at', 'desc').orderBy('requests.id').limit(filter.limit).execute();
  const notes = await latestPublicNotes(db, communeId, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, status_notes: notes.get(row.id) ?? null }));
}

/** The commune's latest public word on each request (a status explanation or a message), redacted text first. */
async function latestPublicNotes(db: Kysely<PlatformTables>, communeId: string, requestIds: string[]): Promise<Map<string, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await open311Db(db)
    .selectFrom('request_events')
    .distinctOn('request_id')
    .select(['request_id', sql<string>`coalesce(public_body, body)`.as('text')])
    .where('commune_id', '=', communeId)
    .where('request_id', 'in', requestIds)
    .where('is_public', '=', true)
    // Only the commune's words: a citizen's message may name its author.
    .where('author', '=', 'commune')
    .where('kind', 'in', ['status', 'message'])
    .where(sql<boolean>`coalesce(public_body, body) is not null`)
    .orderBy('request_id')
    .orderBy('created_at', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.request_id, row.text]));
}
