import type { Feasibility, ImplementationStatus, PhaseKind, RoundStatus, RuleKind } from '../db/tables.js';

export const phaseKeys: Record<PhaseKind, string> = {
  ideas: 'budgeting.phase.ideas',
  review: 'budgeting.phase.review',
  voting: 'budgeting.phase.voting',
  results: 'budgeting.phase.results',
  implementation: 'budgeting.phase.implementation',
};

export const ruleKeys: Record<RuleKind, { name: string; explanation: string }> = {
  knapsack: { name: 'budgeting.rule.knapsack', explanation: 'budgeting.rule.knapsack_explained' },
  approval: { name: 'budgeting.rule.approval', explanation: 'budgeting.rule.approval_explained' },
  points: { name: 'budgeting.rule.points', explanation: 'budgeting.rule.points_explained' },
};

export const feasibilityKeys: Record<Feasibility, string> = {
  pending: 'budgeting.feasibility.pending',
  feasible: 'budgeting.feasibility.feasible',
  not_feasible: 'budgeting.feasibility.not_feasible',
};

export const feasibilityBadge: Record<Feasibility, string> = { pending: 'badge badge-warning', feasible: 'badge badge-success', not_feasible: 'badge badge-muted' };

export const statusKeys: Record<RoundStatus, string> = {
  draft: 'budgeting.status.draft',
  published: 'budgeting.status.published',
  archived: 'budgeting.status.archived',
};

export const implementationKeys: Record<ImplementationStatus, string> = {
  planned: 'budgeting.implementation.planned',
  procurement: 'budgeting.implementation.procurement',
  in_progress: 'budgeting.implementation.in_progress',
  done: 'budgeting.implementation.done',
  cancelled: 'budgeting.implementation.cancelled',
};
