import type { PalabreModule } from '../../platform/module.js';
import { ckanCommuneRoutes, ckanNetworkRoutes } from './api/ckan/routes.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/**
 * The open-data portal of each commune and of the network: every module's declared exports as datasets,
 * readable by CKAN, udata and DCAT harvesters. Always on: publishing public data is not optional.
 */
export const openDataModule: PalabreModule = {
  id: 'open-data',
  alwaysOn: true,
  communeRoutes: ckanCommuneRoutes,
  networkRoutes: ckanNetworkRoutes,
  migrations: {},
  i18n: { fr, en, pt, ar },
};
