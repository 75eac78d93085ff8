import { sql, type Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { programmeDb } from '../db/tables.js';

export const formatReference = (year: number, n: number): string => `PRG-${year}-${String(n).padStart(4, '0')}`;

/**
 * The next application reference of a year (PRG-2027-0001…). Call it inside the transaction that stores it: the
 * advisory lock makes concurrent submissions wait for each other, and the unique constraint backs it up.
 */
export async function nextReference(db: Kysely<PlatformTables>, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  await sql`select pg_advisory_xact_lock(hashtext('programme_application_reference'))`.execute(db);
  const prefix = `PRG-${year}-`;
  const last = await programmeDb(db)
    .selectFrom('programme_applications')
    .select((eb) => eb.fn.max('reference').as('reference'))
    .where('reference', 'like', `${prefix}%`)
    .executeTakeFirst();
  const n = last?.reference ? Number(last.reference.slice(prefix.length)) : 0;
  return formatReference(year, n + 1);
}
