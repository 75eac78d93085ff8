import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { isLocale } from '../../../platform/i18n/locales.js';
import { notifyReporter } from '../commands/notify-reporter.js';
import type { EventAuthor, Request } from '../db/tables.js';
import { canMove, isFinalStage, type ProcedureStage, stageKeys } from './stages.js';
import { type ProcedureRequest, procedureDb } from './tables.js';

export interface StageMove {
  to: ProcedureStage;
  /** The stage the officer saw: a request moved meanwhile by someone else is a conflict, not an overwrite. */
  from: string;
  /** Why it is refused, or what information is missing: told to the requester, kept in the event. */
  reason: string | null;
  author: EventAuthor;
  actorUserId: string | null;
}

/** The columns a stage sets: open until collected or refused; the day it became ready or collected, for statistics. */
function stageColumns(target: ProcedureRequest, to: ProcedureStage, now: Date) {
  const final = isFinalStage(to);
  return {
    status: to,
    stage: to,
    is_open: !final,
    closed_at: final ? now : null,
    answered_at: target.answered_at ?? (to === 'ready' || to === 'refused' ? now : null),
    ready_at: to === 'ready' ? now : target.ready_at,
    collected_at: to === 'collected' ? now : target.collected_at,
    updated_at: now,
  };
}

/**
 * Moves a procedure request along its fixed stages (received → missing information | in progress | refused; missing
 * information → in progress | refused; in progress → ready | refused; ready → collected). A refusal or a request for
 * missing information needs its reason.
 */
export async function moveProcedureRequest(db: Kysely<PlatformTables>, target: ProcedureRequest, move: StageMove, now = new Date()): Promise<ProcedureRequest> {
  if (target.kind !== 'procedure') throw new AppError('NOT_FOUND');
  if (target.stage !== move.from) throw new AppError('CONFLICT', 'the request changed meanwhile');
  if (!canMove(target.stage, move.to)) throw new AppError('VALIDATION_FAILED', `cannot go from ${target.stage} to ${move.to}`);
  if ((move.to === 'refused' || move.to === 'missing_information') && !move.reason?.trim()) throw new AppError('VALIDATION_FAILED', 'a reason is required');
  return inTransaction(procedureDb(db), async (trx) => {
    const updated = await trx
      .updateTable('requests')
      .set(stageColumns(target, move.to, now))
      .where('id', '=', target.id)
      .where('commune_id', '=', target.commune_id)
      // Two officers acting at once: the second acts on what the first left, not on a stale page.
      .where('stage', '=', move.from)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT', 'the request changed meanwhile');
    await trx
      .insertInto('request_events')
      .values({ commune_id: target.commune_id, request_id: target.id, kind: 'status', author: move.author, actor_user_id: move.actorUserId, status: move.to, reason: move.reason?.trim() || null, is_public: false, created_at: now })
      .execute();
    return updated;
  });
}

/** Tells the requester the new stage, in their language (SMS, e-mail or nothing when no contact is known). */
export async function notifyStage(services: PlatformServices, commune: Commune, target: ProcedureRequest): Promise<boolean> {
  const locale = target.reporter_locale && isLocale(target.reporter_locale) ? target.reporter_locale : commune.default_locale;
  const status = services.messages.translator(locale)(stageKeys[target.stage as ProcedureStage] ?? target.stage);
  return notifyReporter(services, commune, target, 'status', { status });
}

/** The requester's reply while information is missing is that information: the request goes back to in progress. */
export async function resumeProcedureOnReply(services: PlatformServices, commune: Commune, target: Request, actorUserId: string | null): Promise<void> {
  if (target.kind !== 'procedure' || target.stage !== 'missing_information') return;
  const full = await procedureDb(services.db).selectFrom('requests').selectAll().where('id', '=', target.id).where('commune_id', '=', commune.id).executeTakeFirstOrThrow();
  const moved = await moveProcedureRequest(services.db, full, { to: 'in_progress', from: 'missing_information', reason: null, author: 'citizen', actorUserId });
  await notifyStage(services, commune, moved);
}
