import type { PalabreModule } from '../../platform/module.js';
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
import pt from './i18n/pt.json' with { type: 'json' };

/**
 * The network of communes (issue 11): an open-governance scorecard computed from live data, good practices and
 * guides, peer exchange and twinning, and reports for partners. Built in increments; see docs/modules/network.md.
 */
export const networkModule: PalabreModule = {
  id: 'network',
  nameKey: 'network.module_name',
  networkRoutes: exchangeNetworkRoutes,
  communeRoutes: exchangeCommuneRoutes,
  adminRoutes: exchangeAdminRoutes,
  navigation: [
    { labelKey: 'network.twinning.title', path: 'twinnings', area: 'public', order: 80 },
    { labelKey: 'network.exchange.title', path: 'admin/network/exchange', area: 'admin', order: 80, roles: ['staff', 'admin'] },
    { labelKey: 'network.twinning.admin_title', path: 'admin/network/twinnings', area: 'admin', order: 81, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-28T0200_network_exchange': exchangeMigration,
    '2026-11-28T0210_network_twinnings': twinningsMigration,
  },
  seed: seedExchangeAndTwinning,
  i18n: {
    fr: { ...fr, ...exchangeFr, ...twinningFr },
    en: { ...en, ...exchangeEn, ...twinningEn },
    pt: { ...pt, ...exchangePt, ...twinningPt },
    ar: { ...ar, ...exchangeAr, ...twinningAr },
  },
};
