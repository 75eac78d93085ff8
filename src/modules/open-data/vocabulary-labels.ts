/** The i18n key of each EU data theme and frequency code, and of each quality check (keys written out for the catalogue test). */
export const themeLabelKeys: Record<string, string> = {
  AGRI: 'open-data.vocabulary.theme_AGRI',
  ECON: 'open-data.vocabulary.theme_ECON',
  EDUC: 'open-data.vocabulary.theme_EDUC',
  ENER: 'open-data.vocabulary.theme_ENER',
  ENVI: 'open-data.vocabulary.theme_ENVI',
  GOVE: 'open-data.vocabulary.theme_GOVE',
  HEAL: 'open-data.vocabulary.theme_HEAL',
  INTR: 'open-data.vocabulary.theme_INTR',
  JUST: 'open-data.vocabulary.theme_JUST',
  REGI: 'open-data.vocabulary.theme_REGI',
  SOCI: 'open-data.vocabulary.theme_SOCI',
  TECH: 'open-data.vocabulary.theme_TECH',
  TRAN: 'open-data.vocabulary.theme_TRAN',
};

export const frequencyLabelKeys: Record<string, string> = {
  DAILY: 'open-data.vocabulary.frequency_DAILY',
  WEEKLY: 'open-data.vocabulary.frequency_WEEKLY',
  MONTHLY: 'open-data.vocabulary.frequency_MONTHLY',
  QUARTERLY: 'open-data.vocabulary.frequency_QUARTERLY',
  ANNUAL_2: 'open-data.vocabulary.frequency_ANNUAL_2',
  ANNUAL: 'open-data.vocabulary.frequency_ANNUAL',
  IRREG: 'open-data.vocabulary.frequency_IRREG',
  NEVER: 'open-data.vocabulary.frequency_NEVER',
  UNKNOWN: 'open-data.vocabulary.frequency_UNKNOWN',
  CONT: 'open-data.vocabulary.frequency_CONT',
};

export const qualityCheckKeys: Record<string, string> = {
  licence: 'open-data.quality.check_licence',
  description: 'open-data.quality.check_description',
  up_to_date: 'open-data.quality.check_up_to_date',
  machine_readable: 'open-data.quality.check_machine_readable',
  schema: 'open-data.quality.check_schema',
};
