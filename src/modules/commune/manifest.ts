import type { PalabreModule } from '../../platform/module.js';
import { communeAdminRoutes } from './admin/routes.js';
import { communeExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import { communeRoutes } from './routes.js';
import { seedCommuneSites } from './seed.js';
import * as siteTables from './db/migrations/2026-11-23T1000_commune_site.js';
import * as procedures from './db/migrations/2026-11-30T0100_commune_procedures.js';

const editors = ['staff', 'admin'] as const;

/** The commune's official site: home, council, news, services and documents. */
export const communeModule: PalabreModule = {
  id: 'commune',
  alwaysOn: true,
  communeRoutes,
  adminRoutes: communeAdminRoutes,
  navigation: [
    { labelKey: 'commune.nav.council', path: 'council', area: 'public', order: 10 },
    { labelKey: 'commune.nav.news', path: 'news', area: 'public', order: 20 },
    { labelKey: 'commune.nav.services', path: 'services', area: 'public', order: 30 },
    { labelKey: 'commune.nav.documents', path: 'documents', area: 'public', order: 40 },
    { labelKey: 'commune.nav.news', path: 'admin/news', area: 'admin', order: 10, roles: [...editors] },
    { labelKey: 'commune.nav.council', path: 'admin/council', area: 'admin', order: 20, roles: [...editors] },
    { labelKey: 'commune.nav.services', path: 'admin/services', area: 'admin', order: 30, roles: [...editors] },
    { labelKey: 'commune.nav.documents', path: 'admin/documents', area: 'admin', order: 40, roles: [...editors] },
    { labelKey: 'commune.nav.meetings', path: 'admin/meetings', area: 'admin', order: 50, roles: [...editors] },
    { labelKey: 'commune.nav.profile', path: 'admin/profile', area: 'admin', order: 60, roles: [...editors] },
  ],
  migrations: { '2026-11-23T1000_commune_site': siteTables, '2026-11-30T0100_commune_procedures': procedures },
  seed: seedCommuneSites,
  openDataExports: communeExports,
  i18n: { fr, en, pt, ar },
};
