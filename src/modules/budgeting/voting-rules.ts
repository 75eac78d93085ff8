/**
 * The three voting rules of a budget round: what a valid ballot is, and who wins once ballots are counted.
 * Pure functions, no database: the same code checks a ballot online, on paper, and counts the results.
 */

export type VotingRule =
  | { kind: 'knapsack' }
  /** Choose at most `maxChoices` projects. */
  | { kind: 'approval'; maxChoices: number }
  /** Spread at most `points` points over the projects. */
  | { kind: 'points'; points: number };

export interface BallotProject {
  id: string;
  /** Estimated (or revised) cost in the commune's currency, whole units. */
  cost: number;
}

/** Project id → weight: 1 for a chosen project (knapsack, approval), the points given (points rule). */
export type Ballot = ReadonlyMap<string, number>;

export type BallotProblem =
  | { code: 'empty' }
  | { code: 'unknown_project'; projectId: string }
  | { code: 'over_budget'; total: number; budget: number }
  | { code: 'too_many_choices'; chosen: number; max: number }
  | { code: 'too_many_points'; given: number; max: number }
  | { code: 'invalid_weight'; projectId: string };

/** Sum of the costs of a ballot's projects; what the ballot form shows as the running total. */
export function ballotCost(ballot: Ballot, projects: ReadonlyMap<string, BallotProject>): number {
  let total = 0;
  for (const [id, weight] of ballot) if (weight > 0) total += projects.get(id)?.cost ?? 0;
  return total;
}

function weightProblem(rule: VotingRule, projectId: string, weight: number): BallotProblem | null {
  const allowed = rule.kind === 'points' ? Number.isInteger(weight) && weight >= 0 : weight === 1;
  return allowed ? null : { code: 'invalid_weight', projectId };
}

/** The first reason a ballot breaks the rule, or null when it is valid. */
export function ballotProblem(rule: VotingRule, ballot: Ballot, projects: ReadonlyMap<string, BallotProject>, budget: number): BallotProblem | null {
  for (const [id, weight] of ballot) {
    if (!projects.has(id)) return { code: 'unknown_project', projectId: id };
    const problem = weightProblem(rule, id, weight);
    if (problem) return problem;
  }
  const chosen = [...ballot.values()].filter((weight) => weight > 0);
  if (chosen.length === 0) return { code: 'empty' };
  if (rule.kind === 'knapsack') {
    const total = ballotCost(ballot, projects);
    return total > budget ? { code: 'over_budget', total, budget } : null;
  }
  if (rule.kind === 'approval') return chosen.length > rule.maxChoices ? { code: 'too_many_choices', chosen: chosen.length, max: rule.maxChoices } : null;
  const given = chosen.reduce((sum, weight) => sum + weight, 0);
  return given > rule.points ? { code: 'too_many_points', given, max: rule.points } : null;
}

export interface TalliedProject extends BallotProject {
  /** Ballots choosing it (knapsack, approval) or points received (points rule). */
  votes: number;
  /** Earlier-registered projects come first in the last tie-break; ISO date or any sortable string. */
  registeredAt: string;
}

/**
 * Ranking, with ties broken by a published rule: more votes first; on equal votes the cheaper project
 * (the budget then funds more projects); then the project registered first; then the id, so the order
 * never depends on how the rows were read.
 */
export function rankProjects<P extends TalliedProject>(projects: readonly P[]): P[] {
  return [...projects].sort(
    (a, b) => b.votes - a.votes || a.cost - b.cost || a.registeredAt.localeCompare(b.registeredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface RoundResult<P extends TalliedProject> {
  /** Every project in rank order, each marked funded or not. */
  ranking: (P & { rank: number; funded: boolean })[];
  fundedCost: number;
  leftOver: number;
}

/**
 * Winners by the greedy rule used by most participatory budgets: walk the ranking and fund each project
 * that still fits in what is left; a project too dear is skipped and the next ones still get their chance.
 * Projects without any vote are never funded.
 */
export function selectWinners<P extends TalliedProject>(projects: readonly P[], budget: number): RoundResult<P> {
  let left = budget;
  const ranking = rankProjects(projects).map((project, index) => {
    const funded = project.votes > 0 && project.cost <= left;
    if (funded) left -= project.cost;
    return { ...project, rank: index + 1, funded };
  });
  return { ranking, fundedCost: budget - left, leftOver: left };
}

/** Adds ballots up per project: one per choice, or the points given. */
export function tally(ballots: Iterable<Ballot>): Map<string, number> {
  const votes = new Map<string, number>();
  for (const ballot of ballots) for (const [id, weight] of ballot) if (weight > 0) votes.set(id, (votes.get(id) ?? 0) + weight);
  return votes;
}
