import type { PalabreModule } from '../../platform/module.js';
import { requestsAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0300_requests_core.js';
import * as open311 from './db/migrations/2026-11-24T0320_requests_open311.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import open311Ar from './i18n/open311.ar.json' with { type: 'json' };
import open311En from './i18n/open311.en.json' with { type: 'json' };
import open311Fr from './i18n/open311.fr.json' with { type: 'json' };
import open311Pt from './i18n/open311.pt.json' with { type: 'json' };
import { requestsRoutes } from './routes.js';
import { seedRequests } from './seed.js';

/** Citizen requests: complaints tracked to resolution (Open311) and access-to-information requests. */
export const requestsModule: PalabreModule = {
  id: 'requests',
  communeRoutes: requestsRoutes,
  adminRoutes: requestsAdminRoutes,
  navigation: [{ labelKey: 'requests.nav', path: 'requests', area: 'public', order: 20 }],
  migrations: { '2026-11-24T0300_requests_core': core, '2026-11-24T0320_requests_open311': open311 },
  seed: seedRequests,
  i18n: { fr: { ...fr, ...open311Fr }, en: { ...en, ...open311En }, pt: { ...pt, ...open311Pt }, ar: { ...ar, ...open311Ar } },
};
