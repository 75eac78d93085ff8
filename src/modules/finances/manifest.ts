import type { PalabreModule } from '../../platform/module.js';
import { citizenAdminRoutes } from './citizen/admin-routes.js';
import { citizenPageRoutes } from './citizen/routes.js';
import * as budgets from './db/migrations/2026-11-25T0100_finances_budgets.js';
import ar from './i18n/ar.json' with { type: 'json' };
import citizenAr from './i18n/citizen.ar.json' with { type: 'json' };
import citizenEn from './i18n/citizen.en.json' with { type: 'json' };
import citizenFr from './i18n/citizen.fr.json' with { type: 'json' };
import citizenPt from './i18n/citizen.pt.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pagesAr from './i18n/pages.ar.json' with { type: 'json' };
import pagesEn from './i18n/pages.en.json' with { type: 'json' };
import pagesFr from './i18n/pages.fr.json' with { type: 'json' };
import pagesPt from './i18n/pages.pt.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import { budgetPageRoutes } from './pages/routes.js';

/** Public money: the commune's budget by phase and its execution, a citizen budget, public contracts (OCDS). */
export const financesModule: PalabreModule = {
  id: 'finances',
  communeRoutes: async (app) => {
    await budgetPageRoutes(app);
    await citizenPageRoutes(app);
  },
  adminRoutes: async (app) => {
    await citizenAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'finances.pages.nav', path: 'finances', area: 'public', order: 25 },
    { labelKey: 'finances.citizen.admin_nav', path: 'admin/finances/citizen', area: 'admin', order: 25, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-25T0100_finances_budgets': budgets,
  },
  i18n: {
    fr: { ...fr, ...pagesFr, ...citizenFr },
    en: { ...en, ...pagesEn, ...citizenEn },
    pt: { ...pt, ...pagesPt, ...citizenPt },
    ar: { ...ar, ...pagesAr, ...citizenAr },
  },
};
