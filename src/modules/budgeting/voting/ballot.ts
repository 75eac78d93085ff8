import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Project, Round, RoundPhase, SubBudget } from '../db/tables.js';
import { phasesOf, projectCost, projectsOf, subBudgetsOf, votingRuleOf } from '../queries/budget-queries.js';
import { type Ballot, type BallotProblem, type BallotProject, ballotCost, ballotProblem, type VotingRule } from '../voting-rules.js';

/** Where a round's vote stands at an instant. */
export type VoteState = 'not_open' | 'open' | 'closed';

export function votingPhase(phases: RoundPhase[]): RoundPhase | undefined {
  return phases.find((p) => p.kind === 'voting');
}

export function voteState(phase: RoundPhase | undefined, now: Date): VoteState {
  if (!phase || now < phase.starts_at) return 'not_open';
  return now < phase.ends_at ? 'open' : 'closed';
}

/** What a voter chooses from: the feasible projects of the round, or of one sub-budget, and its amount. */
export interface BallotScope {
  round: Round;
  rule: VotingRule;
  phase: RoundPhase | undefined;
  subBudgets: SubBudget[];
  /** The chosen sub-budget; null for a round without sub-budgets. */
  subBudget: string | null;
  budget: number;
  projects: Project[];
  byId: Map<string, BallotProject>;
}

/**
 * The ballot's scope. A round with sub-budgets needs one chosen (`null` back until then): the voter votes in
 * their own neighbourhood only.
 */
export async function ballotScope(db: Kysely<PlatformTables>, communeId: string, round: Round, subBudget: string | undefined): Promise<BallotScope | null> {
  const [phases, subBudgets, all] = await Promise.all([phasesOf(db, communeId, round.id), subBudgetsOf(db, communeId, round.id), projectsOf(db, communeId, round.id)]);
  const feasible = all.filter((p) => p.feasibility === 'feasible');
  const base = { round, rule: votingRuleOf(round), phase: votingPhase(phases), subBudgets };
  let scope: Omit<BallotScope, 'byId'>;
  if (subBudgets.length === 0) scope = { ...base, subBudget: null, budget: round.total_amount, projects: feasible };
  else {
    const chosen = subBudgets.find((s) => s.neighbourhood === subBudget);
    if (!chosen) return { ...base, subBudget: null, budget: 0, projects: [], byId: new Map() };
    scope = { ...base, subBudget: chosen.neighbourhood, budget: chosen.amount, projects: feasible.filter((p) => p.neighbourhood === chosen.neighbourhood) };
  }
  return { ...scope, byId: new Map(scope.projects.map((p) => [p.id, { id: p.id, cost: projectCost(p) }])) };
}

const pointsField = 'points_';

/** The ballot a form describes: checked `project` boxes (weight 1) or `points_<id>` numbers (points rule). */
export function ballotFromForm(rule: VotingRule, body: Record<string, unknown>): Map<string, number> {
  const ballot = new Map<string, number>();
  if (rule.kind === 'points') {
    for (const [name, value] of Object.entries(body)) {
      if (!name.startsWith(pointsField) || typeof value !== 'string' || value.trim() === '') continue;
      const weight = /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : Number.NaN;
      if (weight !== 0) ballot.set(name.slice(pointsField.length), weight);
    }
    return ballot;
  }
  const chosen = body.project;
  for (const id of Array.isArray(chosen) ? chosen : chosen === undefined ? [] : [chosen]) if (typeof id === 'string') ballot.set(id, 1);
  return ballot;
}

export const pointsFieldName = (projectId: string) => `${pointsField}${projectId}`;

/** Running figures the form shows, and the first problem with the ballot. */
export interface BallotSummary {
  cost: number;
  choices: number;
  pointsUsed: number;
  problem: BallotProblem | null;
}

export function summarize(scope: BallotScope, ballot: Ballot): BallotSummary {
  const weights = [...ballot.values()].filter((w) => Number.isFinite(w) && w > 0);
  return {
    cost: ballotCost(ballot, scope.byId),
    choices: weights.length,
    pointsUsed: scope.rule.kind === 'points' ? weights.reduce((sum, w) => sum + w, 0) : 0,
    problem: ballotProblem(scope.rule, ballot, scope.byId, scope.budget),
  };
}
