import type { PalabreModule } from '../../platform/module.js';
import { contractsAdminRoutes } from './contracts/admin-routes.js';
import { contractsExport } from './contracts/exports.js';
import { contractsPublicRoutes } from './contracts/public-routes.js';
import { seedContracts } from './contracts/seed.js';
import * as budgets from './db/migrations/2026-11-25T0100_finances_budgets.js';
import * as contracts from './db/migrations/2026-11-25T0200_finances_contracts.js';
import ar from './i18n/ar.json' with { type: 'json' };
import contractsAr from './i18n/contracts.ar.json' with { type: 'json' };
import contractsEn from './i18n/contracts.en.json' with { type: 'json' };
import contractsFr from './i18n/contracts.fr.json' with { type: 'json' };
import contractsPt from './i18n/contracts.pt.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Public money: the commune's budget by phase and its execution, a citizen budget, public contracts (OCDS). */
export const financesModule: PalabreModule = {
  id: 'finances',
  communeRoutes: async (app) => {
    await contractsPublicRoutes(app);
  },
  adminRoutes: async (app) => {
    await contractsAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'finances.contracts.nav', path: 'finances/contracts', area: 'public', order: 42 },
    { labelKey: 'finances.contracts.admin.nav', path: 'admin/finances/contracts', area: 'admin', order: 42, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-25T0100_finances_budgets': budgets,
    '2026-11-25T0200_finances_contracts': contracts,
  },
  seed: async (ctx) => {
    await seedContracts(ctx);
  },
  openDataExports: [contractsExport],
  i18n: {
    fr: { ...fr, ...contractsFr },
    en: { ...en, ...contractsEn },
    pt: { ...pt, ...contractsPt },
    ar: { ...ar, ...contractsAr },
  },
};
