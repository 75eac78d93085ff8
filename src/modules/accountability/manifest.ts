import type { PalabreModule } from '../../platform/module.js';
import { registerCouncilAdminRoutes } from './council/admin-routes.js';
import { councilExports } from './council/exports.js';
import { registerCouncilPublicRoutes } from './council/public-routes.js';
import { seedCouncilDecisions } from './council/seed.js';
import * as councilTables from './db/migrations/2026-11-26T0200_accountability_council.js';
import * as plans from './db/migrations/2026-11-26T0300_accountability_plans.js';
import * as reports from './db/migrations/2026-11-26T0500_accountability_reports.js';
import reportsAr from './i18n/reports.ar.json' with { type: 'json' };
import reportsEn from './i18n/reports.en.json' with { type: 'json' };
import reportsFr from './i18n/reports.fr.json' with { type: 'json' };
import reportsPt from './i18n/reports.pt.json' with { type: 'json' };
import { reportAdminRoutes } from './reports/admin-routes.js';
import { reportExports } from './reports/exports.js';
import { seedReports } from './reports/seed.js';
import plansAr from './i18n/plans.ar.json' with { type: 'json' };
import plansEn from './i18n/plans.en.json' with { type: 'json' };
import plansFr from './i18n/plans.fr.json' with { type: 'json' };
import plansPt from './i18n/plans.pt.json' with { type: 'json' };
import ar from './i18n/ar.json' with { type: 'json' };
import councilAr from './i18n/council.ar.json' with { type: 'json' };
import councilEn from './i18n/council.en.json' with { type: 'json' };
import councilFr from './i18n/council.fr.json' with { type: 'json' };
import councilPt from './i18n/council.pt.json' with { type: 'json' };

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
    await registerCouncilPublicRoutes(app);
  },
  adminRoutes: async (app) => {
    planAdminRoutes(app);
    reportAdminRoutes(app);
    await registerCouncilAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'accountability.plans.nav', path: 'plans', area: 'public', order: 26 },
    { labelKey: 'accountability.plans.admin_nav', path: 'admin/plans', area: 'admin', order: 26, roles: ['staff', 'admin'] },
    { labelKey: 'accountability.reports.shadow_nav', path: 'admin/shadow-assessments', area: 'admin', order: 27, roles: ['civil_society'] },
    { labelKey: 'accountability.review.nav', path: 'admin/commitment-reviews', area: 'admin', order: 27, roles: ['monitor'] },
    { labelKey: 'accountability.council.nav', path: 'council-decisions', area: 'public', order: 15 },
    { labelKey: 'accountability.council.nav', path: 'admin/council-decisions', area: 'admin', order: 25, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-26T0200_accountability_council': councilTables,
    '2026-11-26T0300_accountability_plans': plans,
    '2026-11-26T0500_accountability_reports': reports,
  },
  seed: async (context) => {
    await seedPlans(context);
    await seedReports(context);
    await seedCouncilDecisions(context);
  },
  openDataExports: [...councilExports, ...reportExports],
  i18n: {
    fr: { ...fr, ...plansFr, ...councilFr, ...reportsFr },
    en: { ...en, ...plansEn, ...councilEn, ...reportsEn },
    pt: { ...pt, ...plansPt, ...councilPt, ...reportsPt },
    ar: { ...ar, ...plansAr, ...councilAr, ...reportsAr },
  },
};
