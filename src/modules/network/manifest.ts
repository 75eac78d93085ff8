import type { PalabreModule } from '../../platform/module.js';
import * as scorecard from './db/migrations/2026-11-28T0300_network_scorecard.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
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
  communeRoutes: async (app) => communeScorecardRoutes(app),
  networkRoutes: async (app) => {
    networkScorecardRoutes(app);
    reportRoutes(app);
  },
  navigation: [{ labelKey: 'network.scorecard.nav', path: 'scorecard', area: 'public', order: 90 }],
  jobs: [{ id: 'network.scorecard-snapshots', everyMinutes: 60, run: async (services, now) => void (await takeMissingSnapshots(services.db, scorecardSource(), now)) }],
  seed: seedScorecardSnapshots,
  migrations: { '2026-11-28T0300_network_scorecard': scorecard },
  i18n: { fr: { ...fr, ...scorecardFr, ...reportFr }, en: { ...en, ...scorecardEn, ...reportEn }, pt: { ...pt, ...scorecardPt, ...reportPt }, ar: { ...ar, ...scorecardAr, ...reportAr } },
};
