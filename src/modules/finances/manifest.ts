import type { PalabreModule } from '../../platform/module.js';
import { budgetAdminRoutes } from './budgets/admin-routes.js';
import { budgetDataRoutes } from './budgets/data-routes.js';
import { lineLinkRoutes } from './budgets/links-routes.js';
import { budgetLinesExport } from './budgets/exports.js';
import { seedBudgets } from './budgets/seed.js';
import * as budgets from './db/migrations/2026-11-25T0100_finances_budgets.js';
import budgetsAr from './i18n/budgets.ar.json' with { type: 'json' };
import budgetsEn from './i18n/budgets.en.json' with { type: 'json' };
import budgetsFr from './i18n/budgets.fr.json' with { type: 'json' };
import budgetsPt from './i18n/budgets.pt.json' with { type: 'json' };
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Public money: the commune's budget by phase and its execution, a citizen budget, public contracts (OCDS). */
export const financesModule: PalabreModule = {
  id: 'finances',
  communeRoutes: async (app) => {
    budgetDataRoutes(app);
  },
  adminRoutes: async (app) => {
    budgetAdminRoutes(app);
    lineLinkRoutes(app);
  },
  navigation: [{ labelKey: 'finances.budgets.nav', path: 'admin/finances/budgets', area: 'admin', order: 18, roles: ['staff', 'admin'] }],
  migrations: {
    '2026-11-25T0100_finances_budgets': budgets,
  },
  openDataExports: [budgetLinesExport],
  seed: async (context) => {
    await seedBudgets(context);
  },
  i18n: {
    fr: { ...fr, ...budgetsFr },
    en: { ...en, ...budgetsEn },
    pt: { ...pt, ...budgetsPt },
    ar: { ...ar, ...budgetsAr },
  },
};
