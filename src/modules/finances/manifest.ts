import type { PalabreModule } from '../../platform/module.js';
import { seedBudgets } from './budgets/seed.js';
import * as budgets from './db/migrations/2026-11-25T0100_finances_budgets.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Public money: the commune's budget by phase and its execution, a citizen budget, public contracts (OCDS). */
export const financesModule: PalabreModule = {
  id: 'finances',
  migrations: {
    '2026-11-25T0100_finances_budgets': budgets,
  },
  seed: async (context) => {
    await seedBudgets(context);
  },
  i18n: { fr, en, pt, ar },
};
