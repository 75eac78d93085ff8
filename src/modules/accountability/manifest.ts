import type { PalabreModule } from '../../platform/module.js';
import * as plans from './db/migrations/2026-11-26T0300_accountability_plans.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Accountability: plans and commitments followed in public, the multi-stakeholder forum, council decisions. */
export const accountabilityModule: PalabreModule = {
  id: 'accountability',
  migrations: {
    '2026-11-26T0300_accountability_plans': plans,
  },
  i18n: { fr, en, pt, ar },
};
