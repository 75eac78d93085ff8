import type { PalabreModule } from '../../platform/module.js';
import * as practicesTables from './db/migrations/2026-11-28T0100_network_practices.js';
import * as guidesTables from './db/migrations/2026-11-28T0110_network_guides.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
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

/**
 * The network of communes (issue 11): an open-governance scorecard computed from live data, good practices and
 * guides, peer exchange and twinning, and reports for partners. Built in increments; see docs/modules/network.md.
 */
export const networkModule: PalabreModule = {
  id: 'network',
  nameKey: 'network.module_name',
  networkRoutes: practicesAndGuides.networkRoutes,
  communeRoutes: practicesAndGuides.communeRoutes,
  adminRoutes: practicesAndGuides.adminRoutes,
  navigation: [
    { labelKey: 'network.practices.nav', path: 'practices', area: 'public', order: 60 },
    { labelKey: 'network.practices.admin_nav', path: 'admin/network/practices', area: 'admin', order: 60, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-28T0100_network_practices': practicesTables,
    '2026-11-28T0110_network_guides': guidesTables,
  },
  seed: seedPracticesAndGuides,
  i18n: {
    fr: { ...fr, ...practicesFr, ...guidesFr },
    en: { ...en, ...practicesEn, ...guidesEn },
    pt: { ...pt, ...practicesPt, ...guidesPt },
    ar: { ...ar, ...practicesAr, ...guidesAr },
  },
};
