import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from '../queries/requests-db.js';
import type { WorkingCalendar } from './working-days.js';

/** The commune's working calendar: its country's public holidays and the closures it declared. */
export async function calendarOf(db: Kysely<PlatformTables>, commune: Pick<Commune, 'id' | 'country'>): Promise<WorkingCalendar> {
  const closures = await scoped(db, commune.id).selectFrom('request_closures').select(['starts_on as from', 'ends_on as to']).orderBy('starts_on').execute();
  return { country: commune.country, closures };
}
