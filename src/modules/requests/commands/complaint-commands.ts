import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/http/errors.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { calendarOf } from '../deadlines/calendar.js';
import { complaintDueOn } from '../deadlines/due.js';
import type { EventAuthor, Request, RequestChannel, State } from '../db/tables.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { hashAccessCode, newAccessCode, nextReference } from '../reference.js';
import { routeComplaint } from './routing.js';

export interface ComplaintInput {
  categoryId: string;
  description: string;
  neighbourhood: string | null;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  photoFileId: string | null;
  wantsPrivacy: boolean;
  channel: RequestChannel;
  reporter: { userId: string | null; name: string | null; phone: string | null; email: string | null; locale: string | null };
  assistedParticipantId?: string | null;
  /** The mediator who typed it in for someone. */
  recordedBy?: string | null;
}

/** A web complaint with only what is required: the seed, the tests and other channels add what they know. */
export function complaintInput(categoryId: string, description: string, more: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    categoryId,
    description,
    neighbourhood: null,
    latitude: null,
    longitude: null,
    address: null,
    photoFileId: null,
    wantsPrivacy: false,
    channel: 'web',
    reporter: { userId: null, name: null, phone: null, email: null, locale: null },
    ...more,
  };
}

/** How many days after its resolution a complaint may be reopened by the person who filed it. */
export const reopenWindowDays = 30;

async function initialState(db: Kysely<PlatformTables>, communeId: string): Promise<State> {
  const state = await scoped(db, communeId).selectFrom('request_states').selectAll().where('stage', '=', 'received').orderBy('position').limit(1).executeTakeFirst();
  if (!state) throw new AppError('CONFLICT', 'the commune has no "received" state');
  return state;
}

/**
 * Files a complaint: routed to its service, deadline set from the category, private when asked or when the
 * category is sensitive (then handed to the designated person). Returns the access code, shown once.
 */
export async function fileComplaint(db: Kysely<PlatformTables>, commune: Commune, input: ComplaintInput, now = new Date()): Promise<{ request: Request; accessCode: string }> {
  const category = await scoped(db, commune.id).selectFrom('request_categories').selectAll().where('id', '=', input.categoryId).where('active', '=', true).executeTakeFirst();
  if (!category) throw new AppError('VALIDATION_FAILED', 'unknown category');
  const [state, serviceId, calendar] = await Promise.all([initialState(db, commune.id), routeComplaint(db, commune.id, category, input.neighbourhood), calendarOf(db, commune)]);
  const submittedOn = isoDate(now, commune.time_zone);
  const accessCode = newAccessCode();
  // In the caller's transaction when given one (an idempotent filing: the key and its answer commit with it).
  const request = await inTransaction(requestsDb(db), async (trx) => {
    const reference = await nextReference(trx, commune.id, 'complaint', Number(submittedOn.slice(0, 4)));
    const row = await trx
      .insertInto('requests')
      .values({
        commune_id: commune.id,
        kind: 'complaint',
        reference,
        access_code_hash: hashAccessCode(accessCode),
        category_id: category.id,
        description: input.description,
        neighbourhood: input.neighbourhood,
        latitude: input.latitude,
        longitude: input.longitude,
        address: input.address,
        photo_file_id: input.photoFileId,
        status: state.code,
        stage: state.stage,
        service_id: serviceId,
        assignee_id: category.sensitive ? category.designated_user_id : null,
        is_private: input.wantsPrivacy || category.sensitive,
        sensitive: category.sensitive,
        channel: input.channel,
        reporter_user_id: input.reporter.userId,
        reporter_name: input.reporter.name,
        reporter_phone: input.reporter.phone,
        reporter_email: input.reporter.email,
        reporter_locale: input.reporter.locale,
        assisted_participant_id: input.assistedParticipantId ?? null,
        recorded_by: input.recordedBy ?? null,
        submitted_on: submittedOn,
        due_on: complaintDueOn(submittedOn, category.response_days, calendar),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('request_events').values({ commune_id: commune.id, request_id: row.id, kind: 'submitted', author: 'citizen', status: state.code, created_at: now }).execute();
    return row;
  });
  return { request, accessCode };
}

export interface StatusChange {
  stateCode: string;
  /** Public explanation; required when the complaint is rejected. */
  note: string | null;
  actorUserId: string | null;
}

/** What a state change does to the request's own columns (open/closed, first answer). */
function statusColumns(request: Request, state: State, now: Date) {
  const closing = state.open311_status === 'closed';
  const answers = state.stage === 'resolved' || state.stage === 'rejected';
  return {
    status: state.code,
    stage: state.stage,
    is_open: !closing,
    closed_at: closing ? now : null,
    answered_at: request.answered_at ?? (answers ? now : null),
    updated_at: now,
  };
}

async function applyState(db: Kysely<PlatformTables>, request: Request, state: State, event: { author: EventAuthor; actorUserId: string | null; note: string | null; reason?: string | null }, now: Date): Promise<Request> {
  return requestsDb(db).transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('requests')
      .set(statusColumns(request, state, now))
      .where('id', '=', request.id)
      .where('commune_id', '=', request.commune_id)
      // Two officers acting at once: the second one acts on what the first left, not on a stale page.
      .where('status', '=', request.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT', 'the request changed meanwhile');
    await trx
      .insertInto('request_events')
      .values({ commune_id: request.commune_id, request_id: request.id, kind: 'status', author: event.author, actor_user_id: event.actorUserId, status: state.code, reason: event.reason ?? null, body: event.note, created_at: now })
      .execute();
    return updated;
  });
}

/** Staff move a complaint to one of the commune's states; "reopened" belongs to the citizen, a rejection needs a reason. */
export async function changeComplaintStatus(db: Kysely<PlatformTables>, request: Request, change: StatusChange, now = new Date()): Promise<Request> {
  if (request.kind !== 'complaint') throw new AppError('BAD_REQUEST', 'not a complaint');
  const state = await scoped(db, request.commune_id).selectFrom('request_states').selectAll().where('code', '=', change.stateCode).executeTakeFirst();
  if (!state || state.stage === 'reopened') throw new AppError('VALIDATION_FAILED', 'unknown or citizen-only state');
  if (state.code === request.status) throw new AppError('VALIDATION_FAILED', 'already in this state');
  if (state.stage === 'rejected' && !change.note) throw new AppError('VALIDATION_FAILED', 'a rejection needs its reason');
  return applyState(db, request, state, { author: 'commune', actorUserId: change.actorUserId, note: change.note }, now);
}

/** The last day a resolved complaint may be reopened, or null when it cannot be. */
export function reopenableUntil(request: Pick<Request, 'kind' | 'stage' | 'closed_at'>): Date | null {
  if (request.kind !== 'complaint' || request.stage !== 'resolved' || !request.closed_at) return null;
  return new Date(request.closed_at.getTime() + reopenWindowDays * 86_400_000);
}

/** The person who filed a resolved complaint says it is not solved, within 30 days of its resolution. */
export async function reopenComplaint(db: Kysely<PlatformTables>, request: Request, reason: string, now = new Date()): Promise<Request> {
  const until = reopenableUntil(request);
  if (!until || now > until) throw new AppError('CONFLICT', 'no longer reopenable');
  const state = await scoped(db, request.commune_id).selectFrom('request_states').selectAll().where('stage', '=', 'reopened').orderBy('position').limit(1).executeTakeFirst();
  if (!state) throw new AppError('CONFLICT', 'the commune has no "reopened" state');
  return applyState(db, request, state, { author: 'citizen', actorUserId: null, note: reason }, now);
}

/** A message on the request's timeline: from the commune (public or internal) or from the person who filed it. */
export async function addMessage(db: Kysely<PlatformTables>, request: Request, message: { author: EventAuthor; actorUserId: string | null; body: string; isPublic: boolean; fileId?: string | null }, now = new Date()): Promise<string> {
  return inTransaction(requestsDb(db), async (trx) => {
    const event = await trx
      .insertInto('request_events')
      .values({ commune_id: request.commune_id, request_id: request.id, kind: 'message', author: message.author, actor_user_id: message.actorUserId, body: message.body, is_public: message.isPublic, file_id: message.fileId ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('requests').set({ updated_at: now }).where('id', '=', request.id).where('commune_id', '=', request.commune_id).execute();
    return event.id;
  });
}
