import type { PalabreModule } from '../../platform/module.js';
import * as plans from './db/migrations/2026-11-26T0300_accountability_plans.js';
import plansAr from './i18n/plans.ar.json' with { type: 'json' };
import plansEn from './i18n/plans.en.json' with { type: 'json' };
import plansFr from './i18n/plans.fr.json' with { type: 'json' };
import plansPt from './i18n/plans.pt.json' with { type: 'json' };
import ar from './i18n/ar.json' with { type: 'json' };
import { planAdminRoutes } from './plans/admin-routes.js';
import { planPublicRoutes } from './plans/public-routes.js';
import { seedPlans } from './plans/seed.js';
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Accountability: plans and commitments followed in public, the multi-stakeholder forum, council decisions. */
export const accountabilityModule: PalabreModule = {
  id: 'accountability',
  communeRoutes: async (app) => {
    planPublicRoutes(app);
  },
  adminRoutes: async (app) => {
    planAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'accountability.plans.nav', path: 'plans', area: 'public', order: 26 },
    { labelKey: 'accountability.plans.admin_nav', path: 'admin/plans', area: 'admin', order: 26, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-26T0300_accountability_plans': plans,
  },
  seed: async (context) => {
    await seedPlans(context);
  },
  i18n: {
    fr: { ...fr, ...plansFr },
    en: { ...en, ...plansEn },
    pt: { ...pt, ...plansPt },
    ar: { ...ar, ...plansAr },
  },
};
