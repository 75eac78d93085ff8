import type { PalabreModule } from '../../platform/module.js';
import { ckanCommuneRoutes, ckanNetworkRoutes } from './api/ckan/routes.js';
import { dataPackageRoutes } from './api/datapackage/routes.js';
import { dcatCommuneRoutes, dcatNetworkRoutes } from './api/dcat/routes.js';
import { datastoreRoutes } from './datastore/routes.js';
import ar from './i18n/ar.json' with { type: 'json' };
import datastoreAr from './i18n/datastore.ar.json' with { type: 'json' };
import dcatAr from './i18n/dcat.ar.json' with { type: 'json' };
import datastoreEn from './i18n/datastore.en.json' with { type: 'json' };
import dcatEn from './i18n/dcat.en.json' with { type: 'json' };
import datastoreFr from './i18n/datastore.fr.json' with { type: 'json' };
import dcatFr from './i18n/dcat.fr.json' with { type: 'json' };
import datastorePt from './i18n/datastore.pt.json' with { type: 'json' };
import dcatPt from './i18n/dcat.pt.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import portalAr from './i18n/portal.ar.json' with { type: 'json' };
import vocabularyAr from './i18n/vocabulary.ar.json' with { type: 'json' };
import importAr from './i18n/import.ar.json' with { type: 'json' };
import portalEn from './i18n/portal.en.json' with { type: 'json' };
import vocabularyEn from './i18n/vocabulary.en.json' with { type: 'json' };
import importEn from './i18n/import.en.json' with { type: 'json' };
import portalFr from './i18n/portal.fr.json' with { type: 'json' };
import vocabularyFr from './i18n/vocabulary.fr.json' with { type: 'json' };
import importFr from './i18n/import.fr.json' with { type: 'json' };
import portalPt from './i18n/portal.pt.json' with { type: 'json' };
import vocabularyPt from './i18n/vocabulary.pt.json' with { type: 'json' };
import importPt from './i18n/import.pt.json' with { type: 'json' };
import publishingAr from './i18n/publishing.ar.json' with { type: 'json' };
import publishingEn from './i18n/publishing.en.json' with { type: 'json' };
import publishingFr from './i18n/publishing.fr.json' with { type: 'json' };
import publishingPt from './i18n/publishing.pt.json' with { type: 'json' };
import { fileDownloadRoutes } from './portal/file-downloads.js';
import { portalCommuneRoutes, portalNetworkRoutes } from './portal/portal-routes.js';
import * as datasets from './db/migrations/2026-11-24T0400_open_data_datasets.js';
import * as datastoreIndexes from './db/migrations/2026-11-24T0420_open_data_datastore_indexes.js';
import { importAdminRoutes } from './import/admin-routes.js';
import { publishingAdminRoutes } from './publishing/admin-routes.js';
import { progressScript } from './publishing/progress-script.js';
import { registerStaticScript } from '../../platform/http/static-script.js';
import { resumeImports } from './import/run.js';
import { seedOpenData } from './seed/seed.js';

/**
 * The open-data portal of each commune and of the network: every module's declared exports as datasets,
 * readable by CKAN, udata and DCAT harvesters. Always on: publishing public data is not optional.
 */
export const openDataModule: PalabreModule = {
  id: 'open-data',
  nameKey: 'open-data.portal.nav',
  alwaysOn: true,
  communeRoutes: async (app) => {
    // Each API in its own scope, so its JSON error handler stays its own.
    await app.register(dcatCommuneRoutes);
    await app.register(dataPackageRoutes);
    await app.register(ckanCommuneRoutes);
    await portalCommuneRoutes(app);
    await fileDownloadRoutes(app);
    await datastoreRoutes(app);
    registerStaticScript(app, progressScript);
  },
  networkRoutes: async (app) => {
    await app.register(dcatNetworkRoutes);
    await app.register(ckanNetworkRoutes);
    await portalNetworkRoutes(app);
  },
  adminRoutes: async (app) => {
    await publishingAdminRoutes(app);
    await importAdminRoutes(app);
  },
  navigation: [
    { labelKey: 'open-data.portal.nav', path: 'data', area: 'public', order: 30 },
    { labelKey: 'open-data.publishing.nav', path: 'admin/data', area: 'admin', order: 19, roles: ['staff', 'admin'] },
  ],
  migrations: {
    '2026-11-24T0400_open_data_datasets': datasets,
    '2026-11-24T0420_open_data_datastore_indexes': datastoreIndexes,
  },
  seed: seedOpenData,
  jobs: [{ id: 'open-data.imports', everyMinutes: 1, run: resumeImports }],
  i18n: {
    fr: { ...fr, ...dcatFr, ...portalFr, ...vocabularyFr, ...importFr, ...datastoreFr, ...publishingFr },
    en: { ...en, ...dcatEn, ...portalEn, ...vocabularyEn, ...importEn, ...datastoreEn, ...publishingEn },
    pt: { ...pt, ...dcatPt, ...portalPt, ...vocabularyPt, ...importPt, ...datastorePt, ...publishingPt },
    ar: { ...ar, ...dcatAr, ...portalAr, ...vocabularyAr, ...importAr, ...datastoreAr, ...publishingAr },
  },
};
