import type { PalabreModule } from '../../platform/module.js';
import { budgetingAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0100_budgeting_core.js';
import { budgetingExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import { budgetingRoutes } from './routes.js';
import { seedBudgeting } from './seed.js';
import votingAr from './i18n/voting.ar.json' with { type: 'json' };
import votingEn from './i18n/voting.en.json' with { type: 'json' };
import votingFr from './i18n/voting.fr.json' with { type: 'json' };
import votingPt from './i18n/voting.pt.json' with { type: 'json' };
import { budgetingJobs } from './voting/jobs.js';
import { resultsExport } from './voting/results-export.js';

/** Participatory budgets: rounds, projects (some from participation proposals), feasibility review; voting next. */
export const budgetingModule: PalabreModule = {
  id: 'budgeting',
  communeRoutes: budgetingRoutes,
  adminRoutes: budgetingAdminRoutes,
  navigation: [
    { labelKey: 'budgeting.nav', path: 'budgets', area: 'public', order: 17 },
    { labelKey: 'budgeting.nav', path: 'admin/budgets', area: 'admin', order: 17, roles: ['staff', 'admin'] },
  ],
  migrations: { '2026-11-24T0100_budgeting_core': core },
  seed: seedBudgeting,
  openDataExports: [...budgetingExports, resultsExport],
  jobs: budgetingJobs,
  i18n: { fr: { ...fr, ...votingFr }, en: { ...en, ...votingEn }, pt: { ...pt, ...votingPt }, ar: { ...ar, ...votingAr } },
};
