import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { asPlatformDb, informationDb } from '../db/information-tables.js';
import { recomputeOpenDeadlines } from './deadline.js';

export interface ClosureInput {
  startsOn: string;
  endsOn: string;
  reason: string;
}

interface Who {
  actorUserId: string | null;
  ip: string | null;
}

export async function closuresOf(db: Kysely<PlatformTables>, communeId: string) {
  return informationDb(db).selectFrom('request_closures').selectAll().where('commune_id', '=', communeId).orderBy('starts_on', 'desc').execute();
}

/** Declares a closure; every open request's deadline moves with it, in the same transaction. Returns how many moved. */
export async function addClosure(db: Kysely<PlatformTables>, commune: Commune, input: ClosureInput, who: Who): Promise<number> {
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION_FAILED', 'a closure ends after it starts');
  return informationDb(db).transaction().execute(async (trx) => {
    const row = await trx.insertInto('request_closures').values({ commune_id: commune.id, starts_on: input.startsOn, ends_on: input.endsOn, reason: input.reason }).returning('id').executeTakeFirstOrThrow();
    const moved = await recomputeOpenDeadlines(asPlatformDb(trx), commune);
    await recordAudit(asPlatformDb(trx), { communeId: commune.id, actorUserId: who.actorUserId, ip: who.ip, action: 'requests.closure_added', resourceType: 'request_closure', resourceId: row.id, details: { starts_on: input.startsOn, ends_on: input.endsOn, deadlines_moved: moved } });
    return moved;
  });
}

/** Removes a closure of this commune (404 for another's); deadlines are recomputed as for an addition. */
export async function deleteClosure(db: Kysely<PlatformTables>, commune: Commune, closureId: string, who: Who): Promise<number> {
  if (!/^[0-9a-f-]{36}$/i.test(closureId)) throw new AppError('NOT_FOUND');
  return informationDb(db).transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('request_closures').where('id', '=', closureId).where('commune_id', '=', commune.id).returning(['starts_on', 'ends_on']).executeTakeFirst();
    if (!removed) throw new AppError('NOT_FOUND');
    const moved = await recomputeOpenDeadlines(asPlatformDb(trx), commune);
    await recordAudit(asPlatformDb(trx), { communeId: commune.id, actorUserId: who.actorUserId, ip: who.ip, action: 'requests.closure_deleted', resourceType: 'request_closure', resourceId: closureId, details: { starts_on: removed.starts_on, ends_on: removed.ends_on, deadlines_moved: moved } });
    return moved;
  });
}
