import type { Kysely } from 'kysely';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { calendarOf } from '../deadlines/calendar.js';
import { type AnswerForm, asPlatformDb, informationDb, type InformationRequest } from '../db/information-tables.js';
import type { ComplaintStage, EventAuthor } from '../db/tables.js';
import { hashAccessCode, newAccessCode, nextReference } from '../reference.js';
import { informationDueOn, lawOf, refreshInformationDueOn } from './deadline.js';
import type { InformationStatus } from './statuses.js';

export interface InformationInput {
  subject: string;
  description: string;
  answerForm: AnswerForm;
  reporter: { userId: string | null; name: string | null; phone: string | null; email: string | null; locale: string | null };
}

/** What each status means to the shared columns (dashboards read `stage` and `is_open` for every kind). */
const stageOf: Record<InformationStatus, ComplaintStage> = {
  submitted: 'received',
  acknowledged: 'acknowledged',
  clarification: 'in_progress',
  extended: 'in_progress',
  answered_full: 'resolved',
  answered_part: 'resolved',
  refused: 'rejected',
  appealed: 'reopened',
};

/** Statuses in which the commune still owes an answer. */
export const awaitingAnswer: readonly InformationStatus[] = ['submitted', 'acknowledged', 'clarification', 'extended'];
const decided: readonly InformationStatus[] = ['answered_full', 'answered_part', 'refused'];

const today = (commune: Commune, now: Date) => isoDate(now, commune.time_zone);

/** Files an ATI request under the law of the commune's country: public, with its legal deadline in working days. */
export async function fileInformationRequest(db: Kysely<PlatformTables>, commune: Commune, input: InformationInput, now = new Date()): Promise<{ request: InformationRequest; accessCode: string }> {
  const submittedOn = today(commune, now);
  const law = lawOf({ law_country: null }, commune);
  const calendar = await calendarOf(db, commune);
  const accessCode = newAccessCode();
  // In the caller's transaction when given one (an idempotent filing: the key and its answer commit with it).
  const request = await inTransaction(informationDb(db), async (trx) => {
    const reference = await nextReference(trx, commune.id, 'information', Number(submittedOn.slice(0, 4)));
    const row = await trx
      .insertInto('requests')
      .values({
        commune_id: commune.id,
        kind: 'information',
        reference,
        access_code_hash: hashAccessCode(accessCode),
        subject: input.subject,
        description: input.description,
        status: 'submitted',
        stage: stageOf.submitted,
        channel: 'web',
        reporter_user_id: input.reporter.userId,
        reporter_name: input.reporter.name,
        reporter_phone: input.reporter.phone,
        reporter_email: input.reporter.email,
        reporter_locale: input.reporter.locale,
        law_country: law.country,
        answer_form: input.answerForm,
        submitted_on: submittedOn,
        due_on: informationDueOn({ submitted_on: submittedOn, law_country: law.country, extension_days: null }, commune, [], calendar),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('request_events').values({ commune_id: commune.id, request_id: row.id, kind: 'submitted', author: 'citizen', status: 'submitted', created_at: now }).execute();
    return row;
  });
  return { request, accessCode };
}

interface Transition {
  /** The status the officer's page showed: acting on a stale page is a conflict, not a silent overwrite. */
  expected: string;
  allowedFrom: readonly InformationStatus[];
  to: InformationStatus;
  author: EventAuthor;
  actorUserId: string | null;
  body?: string | null;
  reason?: string | null;
  columns?: Partial<{ extension_days: number; extension_reason: string; refusal_ground: string; appealed_on: string }>;
  pause?: 'start' | 'end';
  closes?: boolean;
}

/** One status change in one transaction: optimistic check, columns, clock pause, timeline entry, deadline. */
async function transition(db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, change: Transition, now: Date): Promise<InformationRequest> {
  if (request.kind !== 'information') throw new AppError('BAD_REQUEST', 'not an information request');
  if (request.status !== change.expected) throw new AppError('CONFLICT', 'the request changed meanwhile');
  if (!change.allowedFrom.includes(request.status as InformationStatus)) throw new AppError('CONFLICT', `not allowed from ${request.status}`);
  const day = today(commune, now);
  const updated = await informationDb(db).transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('requests')
      .set({
        ...change.columns,
        status: change.to,
        stage: stageOf[change.to],
        updated_at: now,
        ...(change.closes ? { is_open: false, closed_at: now, answered_at: request.answered_at ?? now } : {}),
      })
      .where('id', '=', request.id)
      .where('commune_id', '=', commune.id)
      .where('status', '=', request.status)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('CONFLICT', 'the request changed meanwhile');
    if (change.pause === 'start') await trx.insertInto('request_pauses').values({ commune_id: commune.id, request_id: request.id, starts_on: day }).execute();
    if (change.pause === 'end') await trx.updateTable('request_pauses').set({ ends_on: day }).where('request_id', '=', request.id).where('commune_id', '=', commune.id).where('ends_on', 'is', null).execute();
    await trx
      .insertInto('request_events')
      .values({ commune_id: commune.id, request_id: request.id, kind: 'status', author: change.author, actor_user_id: change.actorUserId, status: change.to, reason: change.reason ?? null, body: change.body ?? null, created_at: now })
      .execute();
    // A decided request keeps the deadline it was decided against (statistics measure "on time" with it).
    if (row.is_open) row.due_on = await refreshInformationDueOn(asPlatformDb(trx), commune, row);
    return row;
  });
  return updated;
}

type Actor = { actorUserId: string | null; expected: string };

export const acknowledge = (db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor, now = new Date()) =>
  transition(db, commune, request, { ...actor, allowedFrom: ['submitted'], to: 'acknowledged', author: 'commune' }, now);

/** Asks the requester to clarify: the clock stops from today until the answer arrives. */
export const askClarification = (db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor & { message: string }, now = new Date()) =>
  transition(db, commune, request, { ...actor, allowedFrom: ['submitted', 'acknowledged', 'extended'], to: 'clarification', author: 'commune', body: actor.message, pause: 'start' }, now);

/** The clarification arrived (the requester replied, or staff record it): the clock runs again from tomorrow. */
export const resumeClock = (db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor & { author: EventAuthor }, now = new Date()) =>
  transition(db, commune, request, { ...actor, allowedFrom: ['clarification'], to: request.extension_days ? 'extended' : 'acknowledged', author: actor.author, pause: 'end' }, now);

/** The one extension the law allows, with its reason, up to the law's number of working days. */
export async function extend(db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor & { days: number; reason: string }, now = new Date()) {
  const law = lawOf(request, commune);
  if (law.extensionWorkingDays === 0) throw new AppError('VALIDATION_FAILED', 'the law allows no extension');
  if (request.extension_days !== null) throw new AppError('CONFLICT', 'already extended once');
  if (!Number.isInteger(actor.days) || actor.days < 1 || actor.days > law.extensionWorkingDays) throw new AppError('VALIDATION_FAILED', 'extension beyond the law');
  if (!actor.reason.trim()) throw new AppError('VALIDATION_FAILED', 'an extension needs its reason');
  return transition(db, commune, request, { ...actor, allowedFrom: ['submitted', 'acknowledged'], to: 'extended', author: 'commune', body: actor.reason, columns: { extension_days: actor.days, extension_reason: actor.reason } }, now);
}

/**
 * Answers in full or in part, with documents (stored beforehand); a pending clarification ends with it.
 * Each document is its own timeline entry, so each can be redacted on its own.
 */
export async function answer(db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor & { full: boolean; message: string; documents: { fileId: string; withheld: boolean }[] }, now = new Date()) {
  const updated = await transition(db, commune, request, { ...actor, allowedFrom: [...awaitingAnswer, 'appealed'], to: actor.full ? 'answered_full' : 'answered_part', author: 'commune', body: actor.message, pause: request.status === 'clarification' ? 'end' : undefined, closes: true }, now);
  for (const document of actor.documents) {
    await informationDb(db)
      .insertInto('request_events')
      .values({ commune_id: commune.id, request_id: request.id, kind: 'message', author: 'commune', actor_user_id: actor.actorUserId, file_id: document.fileId, file_withheld: document.withheld, created_at: now })
      .execute();
  }
  return updated;
}

/** Refuses on one of the grounds of the request's law (cited), with an explanation. */
export async function refuse(db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor & { ground: string; explanation: string }, now = new Date()) {
  const ground = lawOf(request, commune).refusalGrounds.find((g) => g.code === actor.ground);
  if (!ground) throw new AppError('VALIDATION_FAILED', 'not a ground of this law');
  if (!actor.explanation.trim()) throw new AppError('VALIDATION_FAILED', 'a refusal needs its explanation');
  return transition(db, commune, request, { ...actor, allowedFrom: awaitingAnswer, to: 'refused', author: 'commune', body: actor.explanation, reason: ground.code, columns: { refusal_ground: ground.code }, pause: request.status === 'clarification' ? 'end' : undefined, closes: true }, now);
}

/** The requester appealed to the body the law names: after a decision, or when the deadline passed unanswered. */
export async function markAppealed(db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest, actor: Actor, now = new Date()) {
  const day = today(commune, now);
  const overdue = request.is_open && !!request.due_on && request.due_on < day;
  const allowedFrom = overdue ? [...decided, ...awaitingAnswer] : decided;
  return transition(db, commune, request, { ...actor, allowedFrom, to: 'appealed', author: 'commune', columns: { appealed_on: day } }, now);
}

/** Staff give the public a redacted text and/or document for one timeline entry; the original stays private. */
export async function redactEvent(db: Kysely<PlatformTables>, request: InformationRequest, eventId: string, redaction: { publicBody: string | null; publicFileId: string | null; withheld: boolean }) {
  const updated = await informationDb(db)
    .updateTable('request_events')
    .set({ public_body: redaction.publicBody, file_withheld: redaction.withheld, ...(redaction.publicFileId ? { public_file_id: redaction.publicFileId } : {}) })
    .where('id', '=', eventId)
    .where('request_id', '=', request.id)
    .where('commune_id', '=', request.commune_id)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new AppError('NOT_FOUND');
}

/** The public version of the request text itself (null: publish it as written). */
export async function redactDescription(db: Kysely<PlatformTables>, request: InformationRequest, publicDescription: string | null) {
  await informationDb(db).updateTable('requests').set({ public_description: publicDescription }).where('id', '=', request.id).where('commune_id', '=', request.commune_id).execute();
}
