import type { ComplianceRule } from './compliance.js';
import type { Gender, Sector } from './tables.js';

// Keys written out whole so the catalogue check can see each one used.
export const sectorKeys: Record<Sector, string> = {
  government: 'accountability.forum.sector.government',
  civil_society: 'accountability.forum.sector.civil_society',
  other: 'accountability.forum.sector.other',
};

export const genderKeys: Record<Gender, string> = {
  female: 'accountability.forum.gender.female',
  male: 'accountability.forum.gender.male',
  other: 'accountability.forum.gender.other',
  undisclosed: 'accountability.forum.gender.undisclosed',
};

export const ruleKeys: Record<ComplianceRule, string> = {
  regular_meetings: 'accountability.compliance.rule.regular_meetings',
  rules_published: 'accountability.compliance.rule.rules_published',
  information_before_meetings: 'accountability.compliance.rule.information_before_meetings',
  reasoned_response: 'accountability.compliance.rule.reasoned_response',
  site_updated: 'accountability.compliance.rule.site_updated',
  endorsement: 'accountability.compliance.rule.endorsement',
};
