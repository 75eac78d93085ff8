import type { PalabreModule } from '../../platform/module.js';
import { requestsAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-24T0300_requests_core.js';
import * as open311 from './db/migrations/2026-11-24T0320_requests_open311.js';
import * as handling from './db/migrations/2026-11-24T0330_requests_handling.js';
import * as information from './db/migrations/2026-11-24T0350_requests_information.js';
import * as inbox from './db/migrations/2026-11-24T0360_requests_inbox.js';
import * as phoneChannels from './db/migrations/2026-11-27T0100_requests_phone_channels.js';
import * as phonePhotos from './db/migrations/2026-11-27T0810_requests_phone_photos.js';
import * as procedures from './db/migrations/2026-12-01T0100_requests_procedures.js';
import { requestsExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import handlingAr from './i18n/handling.ar.json' with { type: 'json' };
import handlingEn from './i18n/handling.en.json' with { type: 'json' };
import handlingFr from './i18n/handling.fr.json' with { type: 'json' };
import handlingPt from './i18n/handling.pt.json' with { type: 'json' };
import open311Ar from './i18n/open311.ar.json' with { type: 'json' };
import open311En from './i18n/open311.en.json' with { type: 'json' };
import open311Fr from './i18n/open311.fr.json' with { type: 'json' };
import open311Pt from './i18n/open311.pt.json' with { type: 'json' };
import informationAr from './i18n/information.ar.json' with { type: 'json' };
import informationEn from './i18n/information.en.json' with { type: 'json' };
import informationFr from './i18n/information.fr.json' with { type: 'json' };
import informationPt from './i18n/information.pt.json' with { type: 'json' };
import lawsAr from './i18n/laws.ar.json' with { type: 'json' };
import lawsEn from './i18n/laws.en.json' with { type: 'json' };
import lawsFr from './i18n/laws.fr.json' with { type: 'json' };
import lawsPt from './i18n/laws.pt.json' with { type: 'json' };
import settingsAr from './i18n/settings.ar.json' with { type: 'json' };
import settingsEn from './i18n/settings.en.json' with { type: 'json' };
import settingsFr from './i18n/settings.fr.json' with { type: 'json' };
import settingsPt from './i18n/settings.pt.json' with { type: 'json' };
import statsAr from './i18n/stats.ar.json' with { type: 'json' };
import statsEn from './i18n/stats.en.json' with { type: 'json' };
import statsFr from './i18n/stats.fr.json' with { type: 'json' };
import statsPt from './i18n/stats.pt.json' with { type: 'json' };
import phoneMediaAr from './i18n/phone-media.ar.json' with { type: 'json' };
import phoneMediaEn from './i18n/phone-media.en.json' with { type: 'json' };
import phoneMediaFr from './i18n/phone-media.fr.json' with { type: 'json' };
import phoneMediaPt from './i18n/phone-media.pt.json' with { type: 'json' };
import proceduresAr from './i18n/procedures.ar.json' with { type: 'json' };
import proceduresEn from './i18n/procedures.en.json' with { type: 'json' };
import proceduresFr from './i18n/procedures.fr.json' with { type: 'json' };
import proceduresPt from './i18n/procedures.pt.json' with { type: 'json' };
import procedureStatsAr from './i18n/procedure-statistics.ar.json' with { type: 'json' };
import procedureStatsEn from './i18n/procedure-statistics.en.json' with { type: 'json' };
import procedureStatsFr from './i18n/procedure-statistics.fr.json' with { type: 'json' };
import procedureStatsPt from './i18n/procedure-statistics.pt.json' with { type: 'json' };
import { requestsJobs } from './jobs/overdue-flags.js';
import { myRequestsPath, myRequestsRoutes } from './my-requests.js';
import { requestsRoutes } from './routes.js';
import { seedRequests } from './seed.js';
import { procedureStatisticsExport } from './statistics/procedure-statistics-export.js';
import { procedureStatisticsRoutes } from './statistics/procedure-statistics-routes.js';
import { statisticsRoutes } from './statistics/routes.js';

/** Citizen requests: complaints tracked to resolution (Open311) and access-to-information requests. */
export const requestsModule: PalabreModule = {
  id: 'requests',
  nameKey: 'requests.nav',
  communeRoutes: async (app) => {
    await requestsRoutes(app);
    await statisticsRoutes(app);
    await procedureStatisticsRoutes(app);
  },
  adminRoutes: requestsAdminRoutes,
  networkRoutes: myRequestsRoutes,
  accountLinks: [{ labelKey: 'requests.mine.title', path: myRequestsPath }],
  navigation: [
    { labelKey: 'requests.nav', path: 'requests', area: 'public', order: 20 },
    { labelKey: 'requests.handling.nav', path: 'admin/requests', area: 'admin', order: 20, roles: ['staff', 'admin'] },
    { labelKey: 'requests.information.admin.nav', path: 'admin/requests/information', area: 'admin', order: 20, roles: ['staff', 'admin'] },
    { labelKey: 'requests.handling.nav_on_behalf', path: 'admin/requests/on-behalf', area: 'admin', order: 21, roles: ['mediator', 'staff', 'admin'] },
    { labelKey: 'requests.procedure.for_someone.nav', path: 'admin/requests/on-behalf/procedures', area: 'admin', order: 21, roles: ['mediator', 'staff', 'admin'] },
    { labelKey: 'requests.procedure.queue.nav', path: 'admin/requests/procedures', area: 'admin', order: 21, roles: ['civil_status', 'admin'] },
    { labelKey: 'requests.procedure.fields.nav', path: 'admin/requests/procedure-forms', area: 'admin', order: 23, roles: ['staff', 'admin'] },
    { labelKey: 'requests.settings.nav', path: 'admin/requests/settings', area: 'admin', order: 22, roles: ['admin'] },
  ],
  migrations: {
    '2026-11-24T0300_requests_core': core,
    '2026-11-24T0320_requests_open311': open311,
    '2026-11-24T0330_requests_handling': handling,
    '2026-11-24T0350_requests_information': information,
    '2026-11-24T0360_requests_inbox': inbox,
    '2026-11-27T0100_requests_phone_channels': phoneChannels,
    '2026-11-27T0810_requests_phone_photos': phonePhotos,
    '2026-12-01T0100_requests_procedures': procedures,
  },
  seed: seedRequests,
  jobs: requestsJobs,
  openDataExports: [...requestsExports, procedureStatisticsExport],
  i18n: {
    fr: { ...fr, ...handlingFr, ...informationFr, ...lawsFr, ...open311Fr, ...settingsFr, ...statsFr, ...phoneMediaFr, ...proceduresFr, ...procedureStatsFr },
    en: { ...en, ...handlingEn, ...informationEn, ...lawsEn, ...open311En, ...settingsEn, ...statsEn, ...phoneMediaEn, ...proceduresEn, ...procedureStatsEn },
    pt: { ...pt, ...handlingPt, ...informationPt, ...lawsPt, ...open311Pt, ...settingsPt, ...statsPt, ...phoneMediaPt, ...proceduresPt, ...procedureStatsPt },
    ar: { ...ar, ...handlingAr, ...informationAr, ...lawsAr, ...open311Ar, ...settingsAr, ...statsAr, ...phoneMediaAr, ...proceduresAr, ...procedureStatsAr },
  },
};
