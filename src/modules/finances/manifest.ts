import type { PalabreModule } from '../../platform/module.js';
import { budgetAdminRoutes } from './budgets/admin-routes.js';
import { citizenAdminRoutes } from './citizen/admin-routes.js';
import { citizenPageRoutes } from './citizen/routes.js';
import { budgetPageRoutes } from './pages/routes.js';
import { budgetDataRoutes } from './budgets/data-routes.js';
import { budgetLinesExport } from './budgets/exports.js';
import { lineLinkRoutes } from './budgets/links-routes.js';
import { seedBudgets } from './budgets/seed.js';
import { contractsAdminRoutes } from './contracts/admin-routes.js';
import { contractsExport } from './contracts/exports.js';
import { contractsPublicRoutes } from './contracts/public-routes.js';
import { seedContracts } from './contracts/seed.js';
import * as budgets from './db/migrations/2026-11-25T0100_finances_budgets.js';
import * as contracts from './db/migrations/2026-11-25T0200_finances_contracts.js';
import ar from './i18n/ar.json' with { type: 'json' };
import budgetsAr from './i18n/budgets.ar.json' with { type: 'json' };
import budgetsEn from './i18n/budgets.en.json' with { type: 'json' };
import budgetsFr from './i18n/budgets.fr.json' with { type: 'json' };
import budgetsPt from './i18n/budgets.pt.json' with { type: 'json' };
import contractsAr from './i18n/contracts.ar.json' with { type: 'json' };
import contractsEn from './i18n/contracts.en.json' with { type: 'json' };
import contractsFr from './i18n/contracts.fr.json' with { type: 'json' };
import contractsPt from './i18n/contracts.pt.json' with { type: 'json' };
import pagesAr from './i18n/pages.ar.json' with { type: 'json' };
import pagesEn from './i18n/pages.en.json' with { type: 'json' };
import pagesFr from './i18n/pages.fr.json' with { type: 'json' };
import pagesPt from './i18n/pages.pt.json' with { type: 'json' };
import citizenAr from './i18n/citizen.ar.json' with { type: 'json' };
import citizenEn from './i18n/citizen.en.json' with { type: 'json' };
import citizenFr from './i18n/citizen.fr.json' with { type: 'json' };
import citizenPt from './i18n/citizen.pt.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Public money: the commune's budget by phase and its execution, a citizen budget, public contracts (OCDS). */
export const financesModule: PalabreModule = {
  id: 'finances',
  nameKey: 'finances.pages.nav',
  communeRoutes: async (app) => {
    budgetDataRoutes(app);
    await budgetPageRoutes(app);
    await citizenPageRoutes(app);
    await contractsPublicRoutes(app);
  },
  adminRoutes: async (app) => {
    budgetAdminRoutes(app);
    lineLinkRoutes(app);
    await contractsAdminRoutes(app);
    await citizenAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'finances.pages.nav', path: 'finances', area: 'public', order: 25 },
    { labelKey: 'finances.citizen.admin_nav', path: 'admin/finances/citizen', area: 'admin', order: 18, roles: ['staff', 'admin'] },
    { labelKey: 'finances.budgets.nav', path: 'admin/finances/budgets', area: 'admin', order: 18, roles: ['staff', 'admin'] },
    { labelKey: 'finances.contracts.nav', path: 'finances/contracts', area: 'public', order: 42 },
    { labelKey: 'finances.contracts.admin.nav', path: 'admin/finances/contracts', area: 'admin', order: 42, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-25T0100_finances_budgets': budgets,
    '2026-11-25T0200_finances_contracts': contracts,
  },
  // Budgets first: the demo contracts are planned on budget lines.
  seed: async (context) => {
    await seedBudgets(context);
    await seedContracts(context);
  },
  openDataExports: [budgetLinesExport, contractsExport],
  i18n: {
    fr: { ...fr, ...budgetsFr, ...contractsFr, ...pagesFr, ...citizenFr },
    en: { ...en, ...budgetsEn, ...contractsEn, ...pagesEn, ...citizenEn },
    pt: { ...pt, ...budgetsPt, ...contractsPt, ...pagesPt, ...citizenPt },
    ar: { ...ar, ...budgetsAr, ...contractsAr, ...pagesAr, ...citizenAr },
  },
};
