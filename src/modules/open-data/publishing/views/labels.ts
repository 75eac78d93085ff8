import type { DatasetState, DataTheme, UpdateFrequency } from '../../db/tables.js';

/** Message keys written out whole, so the catalogue check finds each one used. */
export const themeLabelKeys: Record<DataTheme, string> = {
  AGRI: 'open-data.publishing.theme_AGRI',
  ECON: 'open-data.publishing.theme_ECON',
  EDUC: 'open-data.publishing.theme_EDUC',
  ENER: 'open-data.publishing.theme_ENER',
  ENVI: 'open-data.publishing.theme_ENVI',
  GOVE: 'open-data.publishing.theme_GOVE',
  HEAL: 'open-data.publishing.theme_HEAL',
  INTR: 'open-data.publishing.theme_INTR',
  JUST: 'open-data.publishing.theme_JUST',
  REGI: 'open-data.publishing.theme_REGI',
  SOCI: 'open-data.publishing.theme_SOCI',
  TECH: 'open-data.publishing.theme_TECH',
  TRAN: 'open-data.publishing.theme_TRAN',
};

export const frequencyLabelKeys: Record<UpdateFrequency, string> = {
  DAILY: 'open-data.publishing.frequency_DAILY',
  WEEKLY: 'open-data.publishing.frequency_WEEKLY',
  MONTHLY: 'open-data.publishing.frequency_MONTHLY',
  QUARTERLY: 'open-data.publishing.frequency_QUARTERLY',
  ANNUAL_2: 'open-data.publishing.frequency_ANNUAL_2',
  ANNUAL: 'open-data.publishing.frequency_ANNUAL',
  IRREG: 'open-data.publishing.frequency_IRREG',
  NEVER: 'open-data.publishing.frequency_NEVER',
  UNKNOWN: 'open-data.publishing.frequency_UNKNOWN',
};

export const stateLabelKeys: Record<DatasetState, string> = {
  draft: 'open-data.publishing.state_draft',
  published: 'open-data.publishing.state_published',
  withdrawn: 'open-data.publishing.state_withdrawn',
};

/** The state changes offered from each state. */
export const stateActions: Record<DatasetState, { to: DatasetState; labelKey: string }[]> = {
  draft: [{ to: 'published', labelKey: 'open-data.publishing.publish' }],
  published: [
    { to: 'withdrawn', labelKey: 'open-data.publishing.withdraw' },
    { to: 'draft', labelKey: 'open-data.publishing.to_draft' },
  ],
  withdrawn: [
    { to: 'published', labelKey: 'open-data.publishing.publish' },
    { to: 'draft', labelKey: 'open-data.publishing.to_draft' },
  ],
};
