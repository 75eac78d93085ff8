import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { informationDb, type InformationEvent, type InformationRequest } from '../db/information-tables.js';
import type { Request, RequestEvent } from '../db/tables.js';
import type { TimelineAudience } from '../queries/request-queries.js';
import { lawOf, pausesOf } from './deadline.js';
import type { AtiLaw, RefusalGround } from './laws.js';
import type { InformationStatus } from './statuses.js';

export const informationPageSize = 30;

export interface InformationListFilters {
  status?: InformationStatus | 'overdue' | undefined;
  today: string;
}

/** Public ATI requests (all are public), newest first; never who asked. */
export async function listInformationRequests(db: Kysely<PlatformTables>, communeId: string, filters: InformationListFilters, page = 1) {
  let query = informationDb(db)
    .selectFrom('requests')
    .select(['id', 'reference', 'kind', 'category_id', 'subject', 'description', 'public_description', 'neighbourhood', 'status', 'is_open', 'answered_at', 'submitted_on', 'due_on'])
    .where('commune_id', '=', communeId)
    .where('kind', '=', 'information')
    .where('is_private', '=', false);
  if (filters.status === 'overdue') query = query.where('is_open', '=', true).where('answered_at', 'is', null).where('due_on', '<', filters.today);
  else if (filters.status) query = query.where('status', '=', filters.status);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(informationPageSize + 1)
    .offset((page - 1) * informationPageSize)
    .execute();
  // The list shows the text as the public may read it.
  return rows.map(({ public_description, ...row }) => ({ ...row, description: public_description ?? row.description }));
}

/** The staff queue: open requests first, by deadline (the clock-stopped ones last among them). */
export async function informationQueue(db: Kysely<PlatformTables>, communeId: string, filters: InformationListFilters) {
  let query = informationDb(db)
    .selectFrom('requests')
    .select(['id', 'reference', 'subject', 'status', 'is_open', 'answered_at', 'submitted_on', 'due_on', 'kind'])
    .where('commune_id', '=', communeId)
    .where('kind', '=', 'information');
  if (filters.status === 'overdue') query = query.where('is_open', '=', true).where('answered_at', 'is', null).where('due_on', '<', filters.today);
  else if (filters.status) query = query.where('status', '=', filters.status);
  return query.orderBy('is_open', 'desc').orderBy('due_on', (ob) => ob.asc().nullsLast()).orderBy('created_at', 'desc').limit(200).execute();
}

export async function findInformationRequest(db: Kysely<PlatformTables>, communeId: string, id: string): Promise<InformationRequest | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return informationDb(db).selectFrom('requests').selectAll().where('commune_id', '=', communeId).where('id', '=', id).where('kind', '=', 'information').executeTakeFirst();
}

export async function informationEventsOf(db: Kysely<PlatformTables>, communeId: string, requestId: string): Promise<InformationEvent[]> {
  return informationDb(db).selectFrom('request_events').selectAll().where('commune_id', '=', communeId).where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();
}

/**
 * What one audience may read of a timeline entry. The public gets the redacted text and document when there is
 * one, and no document at all when the original is withheld; the requester and staff read the originals.
 */
export function eventAsSeenBy(event: RequestEvent, audience: TimelineAudience): RequestEvent {
  const withheld = (event as Partial<InformationEvent>).file_withheld === true;
  if (audience !== 'public') return { ...event, public_body: null, public_file_id: null };
  return { ...event, body: event.public_body ?? event.body, public_body: null, file_id: event.public_file_id ?? (withheld ? null : event.file_id), public_file_id: null };
}

/** The request as the public reads it: the redacted text when there is one. */
export function requestAsSeenBy<R extends Request>(request: R, audience: TimelineAudience): R {
  const publicText = (request as Partial<InformationRequest>).public_description;
  return audience === 'public' && publicText ? { ...request, description: publicText } : request;
}

/** What the public page shows of an ATI request beside its facts: the law, the clock, the decision, the appeal. */
export interface InformationFacts {
  law: AtiLaw;
  pausedSince: string | null;
  extension: { days: number; reason: string } | null;
  refusalGround: RefusalGround | null;
  /** Once decided (or appealed), where and how to appeal. */
  showAppeal: boolean;
  appealedOn: string | null;
  answerForm: InformationRequest['answer_form'];
}

const appealable: readonly string[] = ['answered_full', 'answered_part', 'refused', 'appealed'] satisfies InformationStatus[];

export async function informationFactsOf(db: Kysely<PlatformTables>, commune: Commune, target: Request): Promise<InformationFacts> {
  const request = target as InformationRequest;
  const law = lawOf(request, commune);
  const pauses = await pausesOf(db, commune.id, request.id);
  return {
    law,
    pausedSince: pauses.find((p) => p.ends_on === null)?.starts_on ?? null,
    extension: request.extension_days ? { days: request.extension_days, reason: request.extension_reason ?? '' } : null,
    refusalGround: law.refusalGrounds.find((g) => g.code === request.refusal_ground) ?? null,
    showAppeal: appealable.includes(request.status),
    appealedOn: request.appealed_on,
    answerForm: request.answer_form,
  };
}
