import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from './requests-db.js';

/** Complaints per month (in the commune's time zone) and channel since a date, for the channels statistics. */
export async function complaintsByChannel(db: Kysely<PlatformTables>, communeId: string, since: Date, timeZone: string): Promise<{ month: string; channel: string; count: number }[]> {
  const rows = await scoped(db, communeId)
    .selectFrom('requests')
    .select([sql<string>`to_char(created_at at time zone ${timeZone}, 'YYYY-MM')`.as('month'), 'channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('kind', '=', 'complaint')
    .where('created_at', '>=', since)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ month: r.month, channel: r.channel, count: Number(r.count) }));
}
