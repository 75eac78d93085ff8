import type { PalabreModule } from '../../platform/module.js';
import { registerCouncilAdminRoutes } from './council/admin-routes.js';
import { councilExports } from './council/exports.js';
import { registerCouncilPublicRoutes } from './council/public-routes.js';
import { seedCouncilDecisions } from './council/seed.js';
import * as councilTables from './db/migrations/2026-11-26T0200_accountability_council.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import councilAr from './i18n/council.ar.json' with { type: 'json' };
import councilEn from './i18n/council.en.json' with { type: 'json' };
import councilFr from './i18n/council.fr.json' with { type: 'json' };
import councilPt from './i18n/council.pt.json' with { type: 'json' };

/** Accountability: plans and commitments followed in public, the multi-stakeholder forum, council decisions. */
export const accountabilityModule: PalabreModule = {
  id: 'accountability',
  communeRoutes: async (app) => {
    await registerCouncilPublicRoutes(app);
  },
  adminRoutes: async (app) => {
    await registerCouncilAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'accountability.council.nav', path: 'council-decisions', area: 'public', order: 15 },
    { labelKey: 'accountability.council.nav', path: 'admin/council-decisions', area: 'admin', order: 25, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-26T0200_accountability_council': councilTables,
  },
  seed: async (context) => {
    await seedCouncilDecisions(context);
  },
  openDataExports: [...councilExports],
  i18n: { fr: { ...fr, ...councilFr }, en: { ...en, ...councilEn }, pt: { ...pt, ...councilPt }, ar: { ...ar, ...councilAr } },
};
