import type { PalabreModule } from '../../platform/module.js';
import * as practicesTables from './db/migrations/2026-11-28T0100_network_practices.js';
import * as guidesTables from './db/migrations/2026-11-28T0110_network_guides.js';
import * as scorecard from './db/migrations/2026-11-28T0300_network_scorecard.js';
import * as liveScorecards from './db/migrations/2026-11-28T0310_network_live_scorecards.js';
import * as exchangeMigration from './db/migrations/2026-11-28T0200_network_exchange.js';
import * as twinningsMigration from './db/migrations/2026-11-28T0210_network_twinnings.js';
import { exchangeAdminRoutes, exchangeCommuneRoutes, exchangeNetworkRoutes, seedExchangeAndTwinning } from './exchange-and-twinning.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import exchangeAr from './i18n/exchange.ar.json' with { type: 'json' };
import twinningAr from './i18n/twinning.ar.json' with { type: 'json' };
import exchangeEn from './i18n/exchange.en.json' with { type: 'json' };
import twinningEn from './i18n/twinning.en.json' with { type: 'json' };
import exchangeFr from './i18n/exchange.fr.json' with { type: 'json' };
import twinningFr from './i18n/twinning.fr.json' with { type: 'json' };
import exchangePt from './i18n/exchange.pt.json' with { type: 'json' };
import twinningPt from './i18n/twinning.pt.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import metricsAr from './i18n/metrics.ar.json' with { type: 'json' };
import metricsEn from './i18n/metrics.en.json' with { type: 'json' };
import metricsFr from './i18n/metrics.fr.json' with { type: 'json' };
import metricsPt from './i18n/metrics.pt.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import guidesAr from './i18n/guides.ar.json' with { type: 'json' };
import guidesEn from './i18n/guides.en.json' with { type: 'json' };
import guidesFr from './i18n/guides.fr.json' with { type: 'json' };
import guidesPt from './i18n/guides.pt.json' with { type: 'json' };
import practicesAr from './i18n/practices.ar.json' with { type: 'json' };
import practicesEn from './i18n/practices.en.json' with { type: 'json' };
import practicesFr from './i18n/practices.fr.json' with { type: 'json' };
import practicesPt from './i18n/practices.pt.json' with { type: 'json' };
import { practicesAndGuides } from './routes.js';
import { seedPracticesAndGuides } from './seed.js';
import scorecardAr from './i18n/scorecard.ar.json' with { type: 'json' };
import reportAr from './i18n/report.ar.json' with { type: 'json' };
import scorecardEn from './i18n/scorecard.en.json' with { type: 'json' };
import reportEn from './i18n/report.en.json' with { type: 'json' };
import scorecardFr from './i18n/scorecard.fr.json' with { type: 'json' };
import reportFr from './i18n/report.fr.json' with { type: 'json' };
import scorecardPt from './i18n/scorecard.pt.json' with { type: 'json' };
import reportPt from './i18n/report.pt.json' with { type: 'json' };
import { reportRoutes } from './report/report-routes.js';
import { communeScorecardRoutes, networkScorecardRoutes } from './scorecard/routes.js';
import { seedScorecardSnapshots } from './scorecard/seed.js';
import { takeMissingSnapshots } from './scorecard/snapshots.js';
import { scorecardSource } from './scorecard/source.js';

/**
 * The network of communes (issue 11): an open-governance scorecard computed from live data, good practices and
 * guides, peer exchange and twinning, and reports for partners. Built in increments; see docs/modules/network.md.
 */
export const networkModule: PalabreModule = {
  id: 'network',
  nameKey: 'network.module_name',
  networkRoutes: async (app) => {
    practicesAndGuides.networkRoutes(app);
    await exchangeNetworkRoutes(app);
    networkScorecardRoutes(app);
    reportRoutes(app);
  },
  communeRoutes: async (app) => {
    practicesAndGuides.communeRoutes(app);
    await exchangeCommuneRoutes(app);
    communeScorecardRoutes(app);
  },
  adminRoutes: async (app) => {
    practicesAndGuides.adminRoutes(app);
    await exchangeAdminRoutes(app);
  },
  networkLinks: [
    { labelKey: 'network.scorecard.network_title', path: '/network/scorecard' },
    { labelKey: 'network.report.nav', path: '/network/report' },
    { labelKey: 'network.practices.library_title', path: '/network/practices' },
    { labelKey: 'network.guides.list_title', path: '/network/guides' },
    { labelKey: 'network.twinning.network_title', path: '/network/twinnings' },
    { labelKey: 'network.exchange.title', path: '/network/exchange' },
    { labelKey: 'network.guides.admin_title', path: '/admin/network/guides', platformAdminOnly: true },
  ],
  navigation: [
    { labelKey: 'network.practices.nav', path: 'practices', area: 'public', order: 60 },
    { labelKey: 'network.twinning.title', path: 'twinnings', area: 'public', order: 80 },
    { labelKey: 'network.scorecard.nav', path: 'scorecard', area: 'public', order: 90 },
    { labelKey: 'network.practices.admin_nav', path: 'admin/network/practices', area: 'admin', order: 60, roles: ['staff', 'admin'] },
    { labelKey: 'network.exchange.title', path: 'admin/network/exchange', area: 'admin', order: 80, roles: ['staff', 'admin'] },
    { labelKey: 'network.twinning.admin_title', path: 'admin/network/twinnings', area: 'admin', order: 81, roles: ['staff', 'admin'] },
  ],
  jobs: [{ id: 'network.scorecard-snapshots', everyMinutes: 60, run: async (services, now) => void (await takeMissingSnapshots(services.db, scorecardSource(), now)) }],
  migrations: {
    '2026-11-28T0100_network_practices': practicesTables,
    '2026-11-28T0110_network_guides': guidesTables,
    '2026-11-28T0200_network_exchange': exchangeMigration,
    '2026-11-28T0210_network_twinnings': twinningsMigration,
    '2026-11-28T0300_network_scorecard': scorecard,
    '2026-11-28T0310_network_live_scorecards': liveScorecards,
  },
  seed: async (context) => {
    await seedPracticesAndGuides(context);
    await seedExchangeAndTwinning(context);
    await seedScorecardSnapshots(context);
  },
  i18n: {
    fr: { ...fr, ...practicesFr, ...guidesFr, ...exchangeFr, ...twinningFr, ...scorecardFr, ...reportFr, ...metricsFr },
    en: { ...en, ...practicesEn, ...guidesEn, ...exchangeEn, ...twinningEn, ...scorecardEn, ...reportEn, ...metricsEn },
    pt: { ...pt, ...practicesPt, ...guidesPt, ...exchangePt, ...twinningPt, ...scorecardPt, ...reportPt, ...metricsPt },
    ar: { ...ar, ...practicesAr, ...guidesAr, ...exchangeAr, ...twinningAr, ...scorecardAr, ...reportAr, ...metricsAr },
  },
};
