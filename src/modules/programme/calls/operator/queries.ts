import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';
import { type ApplicationStatus, type CallRow, programmeDb } from '../../db/tables.js';
import type { StatusCounts } from './views.js';

type Db = Kysely<PlatformTables>;

export async function allCohorts(db: Db) {
  return programmeDb(db).selectFrom('programme_cohorts').selectAll().orderBy('path_starts_on', 'desc').execute();
}

export async function allCalls(db: Db): Promise<CallRow[]> {
  return programmeDb(db).selectFrom('programme_calls').selectAll().orderBy('closes_on', 'desc').orderBy('audience').execute();
}

/** Applications per call and status. */
export async function statusCounts(db: Db, callId?: string): Promise<Map<string, StatusCounts>> {
  let query = programmeDb(db).selectFrom('programme_applications').select(['call_id', 'status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy(['call_id', 'status']);
  if (callId) query = query.where('call_id', '=', callId);
  const counts = new Map<string, StatusCounts>();
  for (const row of await query.execute()) {
    const call = counts.get(row.call_id) ?? {};
    call[row.status as ApplicationStatus] = Number(row.n);
    counts.set(row.call_id, call);
  }
  return counts;
}

/** Once an application was submitted, the form only grows (optional fields) and changes its wording. */
export const formLocked = (counts: StatusCounts) => Object.entries(counts).some(([status, n]) => status !== 'draft' && (n ?? 0) > 0);
