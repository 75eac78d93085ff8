import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { calendarOf } from '../deadlines/calendar.js';
import { complaintDueOn } from '../deadlines/due.js';
import { dueDate, type Pause, type WorkingCalendar } from '../deadlines/working-days.js';
import { informationDb, type InformationRequest, type RequestPause } from '../db/information-tables.js';
import { atiLawFor, type AtiLaw } from './laws.js';

/** The law a request was filed under (kept on the request), else its commune's. */
export const lawOf = (request: Pick<InformationRequest, 'law_country'>, commune: Pick<Commune, 'country'>): AtiLaw => atiLawFor(request.law_country ?? commune.country);

export const asPauses = (pauses: readonly Pick<RequestPause, 'starts_on' | 'ends_on'>[]): Pause[] => pauses.map((p) => ({ from: p.starts_on, to: p.ends_on }));

/** The legal deadline of an ATI request: the law's working days (plus its one extension), the clock stopped while paused; null while stopped. */
export function informationDueOn(request: Pick<InformationRequest, 'submitted_on' | 'law_country' | 'extension_days'>, commune: Pick<Commune, 'country'>, pauses: readonly Pause[], calendar: WorkingCalendar): string | null {
  const workingDays = lawOf(request, commune).responseWorkingDays + (request.extension_days ?? 0);
  return dueDate({ submittedOn: request.submitted_on, workingDays, calendar, pauses });
}

export async function pausesOf(db: Kysely<PlatformTables>, communeId: string, requestId: string): Promise<RequestPause[]> {
  return informationDb(db).selectFrom('request_pauses').selectAll().where('commune_id', '=', communeId).where('request_id', '=', requestId).orderBy('starts_on').orderBy('created_at').execute();
}

/** Recomputes and stores the deadline of one ATI request (after a pause, a resumption or an extension). */
export async function refreshInformationDueOn(db: Kysely<PlatformTables>, commune: Commune, request: InformationRequest): Promise<string | null> {
  const [pauses, calendar] = await Promise.all([pausesOf(db, commune.id, request.id), calendarOf(db, commune)]);
  const due = informationDueOn(request, commune, asPauses(pauses), calendar);
  await informationDb(db).updateTable('requests').set({ due_on: due }).where('id', '=', request.id).where('commune_id', '=', commune.id).execute();
  return due;
}

/**
 * After the commune's closures changed: every open request gets its deadline again from its own rule (an ATI
 * request from its law and pauses, a complaint from its category). Run inside the closure's transaction.
 * Returns how many deadlines moved.
 */
export async function recomputeOpenDeadlines(db: Kysely<PlatformTables>, commune: Commune): Promise<number> {
  const idb = informationDb(db);
  const calendar = await calendarOf(db, commune);
  const open = await idb
    .selectFrom('requests')
    .leftJoin('request_categories', 'request_categories.id', 'requests.category_id')
    .select(['requests.id', 'requests.kind', 'requests.submitted_on', 'requests.due_on', 'requests.law_country', 'requests.extension_days', 'request_categories.response_days'])
    .where('requests.commune_id', '=', commune.id)
    .where('requests.is_open', '=', true)
    .execute();
  const pauses = await idb.selectFrom('request_pauses').select(['request_id', 'starts_on', 'ends_on']).where('commune_id', '=', commune.id).execute();
  let moved = 0;
  for (const request of open) {
    const due =
      request.kind === 'information' ? informationDueOn(request, commune, asPauses(pauses.filter((p) => p.request_id === request.id)), calendar)
      : request.response_days !== null ? complaintDueOn(request.submitted_on, request.response_days, calendar)
      : request.due_on;
    if (due === request.due_on) continue;
    await idb.updateTable('requests').set({ due_on: due }).where('id', '=', request.id).where('commune_id', '=', commune.id).execute();
    moved += 1;
  }
  return moved;
}
