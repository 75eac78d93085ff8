import type { DecisionCategory, DecisionStatus, VoteOption } from './tables.js';

// Full literal keys, so the catalogue check can see each one is used.
export const categoryLabelKeys: Record<DecisionCategory, string> = {
  public_procurement: 'accountability.council.category.public_procurement',
  urban_planning: 'accountability.council.category.urban_planning',
  property: 'accountability.council.category.property',
  civil_service: 'accountability.council.category.civil_service',
  institutions: 'accountability.council.category.institutions',
  local_finances: 'accountability.council.category.local_finances',
  environment: 'accountability.council.category.environment',
  other: 'accountability.council.category.other',
};

export const statusLabelKeys: Record<DecisionStatus, string> = {
  adopted: 'accountability.council.status.adopted',
  rejected: 'accountability.council.status.rejected',
  withdrawn: 'accountability.council.status.withdrawn',
};

export const voteLabelKeys: Record<VoteOption, string> = {
  yes: 'accountability.council.vote.yes',
  no: 'accountability.council.vote.no',
  abstain: 'accountability.council.vote.abstain',
  absent: 'accountability.council.vote.absent',
};
