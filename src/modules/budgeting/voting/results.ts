import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Project, Round } from '../db/tables.js';
import { phasesOf, projectCost, projectsOf, scoped, subBudgetsOf } from '../queries/budget-queries.js';
import { type RoundResult, selectWinners, type TalliedProject } from '../voting-rules.js';
import { voteState, votingPhase } from './ballot.js';

export interface ResultProject extends TalliedProject {
  title: string;
  neighbourhood: string | null;
}

/** One (sub-)budget's outcome; `subBudget` null for a round without sub-budgets. */
export interface BudgetResult extends RoundResult<ResultProject> {
  subBudget: string | null;
  budget: number;
}

export interface Turnout {
  voters: number;
  byChannel: [string, number][];
  byNeighbourhood: [string | null, number][];
  byGender: [string | null, number][];
  byAgeBand: [string | null, number][];
}

export type RoundResults = { sealed: true; until: Date | null } | { sealed: false; budgets: BudgetResult[]; turnout: Turnout };

/** Votes per project: ballots choosing it, or points given; summed by the database, never read ballot by ballot. */
async function votesPerProject(db: Kysely<PlatformTables>, communeId: string, roundId: string): Promise<Map<string, number>> {
  const rows = await scoped(db, communeId)
    .selectFrom('budget_ballot_choices')
    .innerJoin('budget_ballots', 'budget_ballots.id', 'budget_ballot_choices.ballot_id')
    .select(['budget_ballot_choices.project_id', sql<string>`sum(budget_ballot_choices.weight)`.as('votes')])
    .where('budget_ballots.round_id', '=', roundId)
    .groupBy('budget_ballot_choices.project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, Number(r.votes)]));
}

async function turnoutOf(db: Kysely<PlatformTables>, communeId: string, roundId: string): Promise<Turnout> {
  const countBy = async (column: 'channel' | 'neighbourhood' | 'gender' | 'age_band') => {
    const rows = await scoped(db, communeId)
      .selectFrom('budget_voters')
      .select([column, sql<string>`count(*)`.as('count')])
      .where('round_id', '=', roundId)
      .groupBy(column)
      .orderBy(column)
      .execute();
    return rows.map((r) => [(r as Record<string, string | null>)[column] ?? null, Number(r.count)] as [string | null, number]);
  };
  const [byChannel, byNeighbourhood, byGender, byAgeBand] = await Promise.all([countBy('channel'), countBy('neighbourhood'), countBy('gender'), countBy('age_band')]);
  return { voters: byChannel.reduce((sum, [, n]) => sum + n, 0), byChannel: byChannel.map(([c, n]) => [c ?? '', n]), byNeighbourhood, byGender, byAgeBand };
}

const tallied = (project: Project, votes: Map<string, number>): ResultProject => ({
  id: project.id,
  title: project.title,
  neighbourhood: project.neighbourhood,
  cost: projectCost(project),
  votes: votes.get(project.id) ?? 0,
  registeredAt: project.created_at.toISOString(),
});

/**
 * A round's results, or `{ sealed: true }` until its voting phase has ended — for everyone, staff and
 * platform administrators included: nothing is counted before then (ADR 0003).
 */
export async function roundResults(db: Kysely<PlatformTables>, communeId: string, round: Round, now: Date): Promise<RoundResults> {
  const phases = await phasesOf(db, communeId, round.id);
  const phase = votingPhase(phases);
  if (voteState(phase, now) !== 'closed') return { sealed: true, until: phase?.ends_at ?? null };
  const [subBudgets, projects, votes, turnout] = await Promise.all([subBudgetsOf(db, communeId, round.id), projectsOf(db, communeId, round.id), votesPerProject(db, communeId, round.id), turnoutOf(db, communeId, round.id)]);
  const candidates = projects.filter((p) => p.feasibility === 'feasible').map((p) => tallied(p, votes));
  const groups: [string | null, number][] = subBudgets.length > 0 ? subBudgets.map((s) => [s.neighbourhood, s.amount]) : [[null, round.total_amount]];
  const budgets = groups.map(([subBudget, budget]) => ({
    subBudget,
    budget,
    ...selectWinners(subBudget === null ? candidates : candidates.filter((p) => p.neighbourhood === subBudget), budget),
  }));
  return { sealed: false, budgets, turnout };
}
