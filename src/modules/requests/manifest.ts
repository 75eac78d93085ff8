import type { PalabreModule } from '../../platform/module.js';
import { requestsAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0300_requests_core.js';
import * as handling from './db/migrations/2026-11-24T0330_requests_handling.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import handlingAr from './i18n/handling.ar.json' with { type: 'json' };
import handlingEn from './i18n/handling.en.json' with { type: 'json' };
import handlingFr from './i18n/handling.fr.json' with { type: 'json' };
import handlingPt from './i18n/handling.pt.json' with { type: 'json' };
import { requestsJobs } from './jobs/overdue-flags.js';
import { requestsRoutes } from './routes.js';
import { seedRequests } from './seed.js';

/** Citizen requests: complaints tracked to resolution (Open311) and access-to-information requests. */
export const requestsModule: PalabreModule = {
  id: 'requests',
  communeRoutes: requestsRoutes,
  adminRoutes: requestsAdminRoutes,
  navigation: [
    { labelKey: 'requests.nav', path: 'requests', area: 'public', order: 20 },
    { labelKey: 'requests.handling.nav', path: 'admin/requests', area: 'admin', order: 20, roles: ['staff', 'admin'] },
    { labelKey: 'requests.handling.nav_on_behalf', path: 'admin/requests/on-behalf', area: 'admin', order: 21, roles: ['mediator', 'staff', 'admin'] },
  ],
  migrations: { '2026-11-24T0300_requests_core': core, '2026-11-24T0330_requests_handling': handling },
  seed: seedRequests,
  jobs: requestsJobs,
  i18n: {
    fr: { ...fr, ...handlingFr },
    en: { ...en, ...handlingEn },
    pt: { ...pt, ...handlingPt },
    ar: { ...ar, ...handlingAr },
  },
};
