import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from '../queries/budget-queries.js';

const hour = 3600_000;

/** A published approval round (two choices) with projects costing 600, 500 and 300, voting open now: for tests racing ballots. */
export async function openVotingRound(db: Kysely<PlatformTables>, communeId: string) {
  const inNdar = scoped(db, communeId);
  const round = await inNdar
    .insertInto('budget_rounds', { title: JSON.stringify({ fr: 'Tour à deux serveurs' }), description: '{}', per_neighbourhood: false, allow_assisted: false, currency: 'XOF', total_amount: 1200, rule: 'approval', max_choices: 2, points: null, min_age: null, require_verified_phone: false, allow_ballot_change: false, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projects: string[] = [];
  for (const cost of [600, 500, 300]) projects.push((await inNdar.insertInto('budget_projects', { round_id: round.id, title: `Projet ${cost}`, description: 'Test', estimated_cost: cost, feasibility: 'feasible' }).returning('id').executeTakeFirstOrThrow()).id);
  await inNdar.insertInto('budget_round_phases', { round_id: round.id, kind: 'voting', starts_at: new Date(Date.now() - hour), ends_at: new Date(Date.now() + 48 * hour) }).execute();
  return { id: round.id, projects };
}
