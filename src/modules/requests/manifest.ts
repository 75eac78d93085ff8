import type { PalabreModule } from '../../platform/module.js';
import { requestsAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0300_requests_core.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import settingsAr from './i18n/settings.ar.json' with { type: 'json' };
import settingsEn from './i18n/settings.en.json' with { type: 'json' };
import settingsFr from './i18n/settings.fr.json' with { type: 'json' };
import settingsPt from './i18n/settings.pt.json' with { type: 'json' };
import { requestsRoutes } from './routes.js';
import { seedRequests } from './seed.js';

/** Citizen requests: complaints tracked to resolution (Open311) and access-to-information requests. */
export const requestsModule: PalabreModule = {
  id: 'requests',
  communeRoutes: requestsRoutes,
  adminRoutes: requestsAdminRoutes,
  navigation: [
    { labelKey: 'requests.nav', path: 'requests', area: 'public', order: 20 },
    { labelKey: 'requests.settings.nav', path: 'admin/requests/settings', area: 'admin', order: 22, roles: ['admin'] },
  ],
  migrations: { '2026-11-24T0300_requests_core': core },
  seed: seedRequests,
  i18n: { fr: { ...fr, ...settingsFr }, en: { ...en, ...settingsEn }, pt: { ...pt, ...settingsPt }, ar: { ...ar, ...settingsAr } },
};
