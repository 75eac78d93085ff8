import type { PalabreModule } from '../../platform/module.js';
import { requestsAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0300_requests_core.js';
import * as information from './db/migrations/2026-11-24T0350_requests_information.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import lawsAr from './i18n/laws.ar.json' with { type: 'json' };
import lawsEn from './i18n/laws.en.json' with { type: 'json' };
import lawsFr from './i18n/laws.fr.json' with { type: 'json' };
import lawsPt from './i18n/laws.pt.json' with { type: 'json' };
import informationAr from './i18n/information.ar.json' with { type: 'json' };
import informationEn from './i18n/information.en.json' with { type: 'json' };
import informationFr from './i18n/information.fr.json' with { type: 'json' };
import informationPt from './i18n/information.pt.json' with { type: 'json' };
import { requestsRoutes } from './routes.js';
import { seedRequests } from './seed.js';

/** Citizen requests: complaints tracked to resolution (Open311) and access-to-information requests. */
export const requestsModule: PalabreModule = {
  id: 'requests',
  communeRoutes: requestsRoutes,
  adminRoutes: requestsAdminRoutes,
  navigation: [
    { labelKey: 'requests.nav', path: 'requests', area: 'public', order: 20 },
    { labelKey: 'requests.information.admin.nav', path: 'admin/requests/information', area: 'admin', order: 21, roles: ['staff', 'admin'] },
  ],
  migrations: { '2026-11-24T0300_requests_core': core, '2026-11-24T0350_requests_information': information },
  seed: seedRequests,
  i18n: {
    fr: { ...fr, ...lawsFr, ...informationFr },
    en: { ...en, ...lawsEn, ...informationEn },
    pt: { ...pt, ...lawsPt, ...informationPt },
    ar: { ...ar, ...lawsAr, ...informationAr },
  },
};
