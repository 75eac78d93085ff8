import type { PalabreModule } from '../../platform/module.js';
import { registerCouncilAdminRoutes } from './council/admin-routes.js';
import { councilExports } from './council/exports.js';
import { registerCouncilPublicRoutes } from './council/public-routes.js';
import { seedCouncilDecisions } from './council/seed.js';
import * as councilTables from './db/migrations/2026-11-26T0200_accountability_council.js';
import * as plans from './db/migrations/2026-11-26T0300_accountability_plans.js';
import * as comments from './db/migrations/2026-11-26T0700_accountability_comments.js';
import commentsAr from './i18n/comments.ar.json' with { type: 'json' };
import commentsEn from './i18n/comments.en.json' with { type: 'json' };
import commentsFr from './i18n/comments.fr.json' with { type: 'json' };
import commentsPt from './i18n/comments.pt.json' with { type: 'json' };
import { commentAdminRoutes } from './plans/comments/routes.js';
import { seedComments } from './plans/comments/seed.js';
import * as forumTables from './db/migrations/2026-11-26T0600_accountability_forum.js';
import { forumAdminRoutes } from './forum/admin-routes.js';
import { forumExports } from './forum/exports.js';
import { forumPublicRoutes } from './forum/public-routes.js';
import { seedForum } from './forum/seed.js';
import forumAr from './i18n/forum.ar.json' with { type: 'json' };
import forumEn from './i18n/forum.en.json' with { type: 'json' };
import forumFr from './i18n/forum.fr.json' with { type: 'json' };
import forumPt from './i18n/forum.pt.json' with { type: 'json' };
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
import { planExports } from './plans/exports.js';
import { planPublicRoutes } from './plans/public-routes.js';
import { seedPlans } from './plans/seed.js';
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Accountability: plans and commitments followed in public, the multi-stakeholder forum, council decisions. */
export const accountabilityModule: PalabreModule = {
  id: 'accountability',
  nameKey: 'accountability.module_name',
  communeRoutes: async (app) => {
    planPublicRoutes(app);
    forumPublicRoutes(app);
    await registerCouncilPublicRoutes(app);
  },
  adminRoutes: async (app) => {
    commentAdminRoutes(app);
    planAdminRoutes(app);
    forumAdminRoutes(app);
    reportAdminRoutes(app);
    await registerCouncilAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'accountability.plans.nav', path: 'plans', area: 'public', order: 26 },
    { labelKey: 'accountability.plans.admin_nav', path: 'admin/plans', area: 'admin', order: 26, roles: ['staff', 'admin'] },
    { labelKey: 'accountability.comments.admin_nav', path: 'admin/plans/comments', area: 'admin', order: 27, roles: ['staff', 'admin', 'moderator'] },
    { labelKey: 'accountability.forum.admin_nav', path: 'admin/forum', area: 'admin', order: 27, roles: ['staff', 'admin'] },
    { labelKey: 'accountability.reports.shadow_nav', path: 'admin/shadow-assessments', area: 'admin', order: 27, roles: ['civil_society'] },
    { labelKey: 'accountability.review.nav', path: 'admin/commitment-reviews', area: 'admin', order: 27, roles: ['monitor'] },
    { labelKey: 'accountability.council.nav', path: 'council-decisions', area: 'public', order: 15 },
    { labelKey: 'accountability.council.nav', path: 'admin/council-decisions', area: 'admin', order: 25, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-26T0200_accountability_council': councilTables,
    '2026-11-26T0300_accountability_plans': plans,
    '2026-11-26T0500_accountability_reports': reports,
    '2026-11-26T0600_accountability_forum': forumTables,
    '2026-11-26T0700_accountability_comments': comments,
  },
  seed: async (context) => {
    await seedPlans(context);
    await seedComments(context);
    await seedReports(context);
    await seedCouncilDecisions(context);
    await seedForum(context);
  },
  openDataExports: [...councilExports, ...planExports, ...forumExports, ...reportExports],
  i18n: {
    fr: { ...fr, ...plansFr, ...councilFr, ...commentsFr, ...forumFr, ...reportsFr },
    en: { ...en, ...plansEn, ...councilEn, ...commentsEn, ...forumEn, ...reportsEn },
    pt: { ...pt, ...plansPt, ...councilPt, ...commentsPt, ...forumPt, ...reportsPt },
    ar: { ...ar, ...plansAr, ...councilAr, ...commentsAr, ...forumAr, ...reportsAr },
  },
};
