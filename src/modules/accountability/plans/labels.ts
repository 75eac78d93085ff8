import type { Completion, InfluenceLevel, OgpValue, PlanKind } from './tables.js';

/** Message keys written out whole, so that the catalogue check finds each one used. */
export const completionKeys: Record<Completion, string> = {
  not_started: 'accountability.plans.status_not_started',
  limited: 'accountability.plans.status_limited',
  substantial: 'accountability.plans.status_substantial',
  complete: 'accountability.plans.status_complete',
};

export const valueKeys: Record<OgpValue, string> = {
  transparency: 'accountability.plans.value_transparency',
  participation: 'accountability.plans.value_participation',
  accountability: 'accountability.plans.value_accountability',
  inclusion: 'accountability.plans.value_inclusion',
  technology: 'accountability.plans.value_technology',
};

export const kindKeys: Record<PlanKind, string> = {
  ogp_action_plan: 'accountability.plans.kind_ogp_action_plan',
  development_plan: 'accountability.plans.kind_development_plan',
  other: 'accountability.plans.kind_other',
};

export const influenceKeys: Record<InfluenceLevel, string> = {
  inform: 'accountability.plans.influence_inform',
  consult: 'accountability.plans.influence_consult',
  involve: 'accountability.plans.influence_involve',
  collaborate: 'accountability.plans.influence_collaborate',
  empower: 'accountability.plans.influence_empower',
};
