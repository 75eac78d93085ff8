import type { PalabreModule } from '../../platform/module.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import portalAr from './i18n/portal.ar.json' with { type: 'json' };
import portalEn from './i18n/portal.en.json' with { type: 'json' };
import portalFr from './i18n/portal.fr.json' with { type: 'json' };
import portalPt from './i18n/portal.pt.json' with { type: 'json' };
import { portalCommuneRoutes, portalNetworkRoutes } from './portal/portal-routes.js';

/**
 * The open-data portal of each commune and of the network: every module's declared exports as datasets,
 * readable by CKAN, udata and DCAT harvesters. Always on: publishing public data is not optional.
 */
export const openDataModule: PalabreModule = {
  id: 'open-data',
  alwaysOn: true,
  communeRoutes: async (app) => {
    await portalCommuneRoutes(app);
  },
  networkRoutes: async (app) => {
    await portalNetworkRoutes(app);
  },
  navigation: [{ labelKey: 'open-data.portal.nav', path: 'data', area: 'public', order: 30 }],
  migrations: {},
  i18n: { fr: { ...fr, ...portalFr }, en: { ...en, ...portalEn }, pt: { ...pt, ...portalPt }, ar: { ...ar, ...portalAr } },
};
