import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from '../queries/budget-queries.js';

/**
 * Voters of participatory-budget rounds who voted in the window [from, to), by the gender and age band recorded
 * with their vote: each vote in a round counts once; voters who gave none are left out of that share.
 */
export async function voterProfile(db: Kysely<PlatformTables>, communeId: string, window: { from: Date; to: Date }, youthBands: readonly string[]) {
  const youth = sql.join(youthBands.length > 0 ? youthBands.map((band) => sql`${band}`) : [sql`null`]);
  const row = await scoped(db, communeId)
    .selectFrom('budget_voters')
    .select([
      sql<string>`count(*) filter (where gender = 'female')`.as('women'),
      sql<string>`count(*) filter (where gender in ('female', 'male', 'other'))`.as('gender_known'),
      sql<string>`count(*) filter (where age_band in (${youth}))`.as('youth'),
      sql<string>`count(*) filter (where age_band is not null and age_band <> 'unknown')`.as('age_known'),
    ])
    .where('created_at', '>=', window.from)
    .where('created_at', '<', window.to)
    .executeTakeFirstOrThrow();
  return { women: Number(row.women), genderKnown: Number(row.gender_known), youth: Number(row.youth), ageKnown: Number(row.age_known) };
}
