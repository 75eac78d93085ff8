import type { PalabreModule } from '../../platform/module.js';
import { budgetingAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0100_budgeting_core.js';
import * as implementation from './db/migrations/2026-11-24T0200_budgeting_implementation.js';
import * as phoneVotes from './db/migrations/2026-11-27T0910_budgeting_phone_votes.js';
import { budgetingExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import implementationAr from './i18n/implementation.ar.json' with { type: 'json' };
import implementationEn from './i18n/implementation.en.json' with { type: 'json' };
import implementationFr from './i18n/implementation.fr.json' with { type: 'json' };
import implementationPt from './i18n/implementation.pt.json' with { type: 'json' };
import { budgetingRoutes } from './routes.js';
import { seedBudgeting } from './seed.js';
import votingAr from './i18n/voting.ar.json' with { type: 'json' };
import votingEn from './i18n/voting.en.json' with { type: 'json' };
import votingFr from './i18n/voting.fr.json' with { type: 'json' };
import votingPt from './i18n/voting.pt.json' with { type: 'json' };
import phoneVotesAr from './i18n/phone-votes.ar.json' with { type: 'json' };
import phoneVotesEn from './i18n/phone-votes.en.json' with { type: 'json' };
import phoneVotesFr from './i18n/phone-votes.fr.json' with { type: 'json' };
import phoneVotesPt from './i18n/phone-votes.pt.json' with { type: 'json' };
import { budgetingJobs } from './voting/jobs.js';
import { resultsExport } from './voting/results-export.js';

/** Participatory budgets: rounds, projects (some from participation proposals), feasibility review; voting next. */
export const budgetingModule: PalabreModule = {
  id: 'budgeting',
  nameKey: 'budgeting.nav',
  communeRoutes: budgetingRoutes,
  adminRoutes: budgetingAdminRoutes,
  navigation: [
    { labelKey: 'budgeting.nav', path: 'budgets', area: 'public', order: 17 },
    { labelKey: 'budgeting.nav', path: 'admin/budgets', area: 'admin', order: 17, roles: ['staff', 'admin'] },
    { labelKey: 'budgeting.polling.title', path: 'admin/budgets/polling-station', area: 'admin', order: 18, roles: ['mediator', 'staff', 'admin'] },
  ],
  migrations: { '2026-11-24T0100_budgeting_core': core, '2026-11-24T0200_budgeting_implementation': implementation, '2026-11-27T0910_budgeting_phone_votes': phoneVotes },
  seed: seedBudgeting,
  openDataExports: [...budgetingExports, resultsExport],
  jobs: budgetingJobs,
  i18n: {
    fr: { ...fr, ...implementationFr, ...votingFr, ...phoneVotesFr },
    en: { ...en, ...implementationEn, ...votingEn, ...phoneVotesEn },
    pt: { ...pt, ...implementationPt, ...votingPt, ...phoneVotesPt },
    ar: { ...ar, ...implementationAr, ...votingAr, ...phoneVotesAr },
  },
};
