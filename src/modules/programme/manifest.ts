import type { PalabreModule } from '../../platform/module.js';
import { callPublicRoutes } from './calls/public-routes.js';
import * as baseTables from './db/migrations/2026-11-29T0000_programme_base.js';
import * as pathTables from './db/migrations/2026-11-29T0300_programme_path.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import reviewAr from './i18n/review.ar.json' with { type: 'json' };
import reviewEn from './i18n/review.en.json' with { type: 'json' };
import reviewFr from './i18n/review.fr.json' with { type: 'json' };
import reviewPt from './i18n/review.pt.json' with { type: 'json' };
import * as reviewTables from './db/migrations/2026-11-29T0200_programme_review.js';
import { reviewDeskRoutes } from './review/desk-routes.js';
import { reviewOperatorRoutes } from './review/operator-routes.js';
import pathAr from './i18n/path.ar.json' with { type: 'json' };
import pathEn from './i18n/path.en.json' with { type: 'json' };
import pathFr from './i18n/path.fr.json' with { type: 'json' };
import pathPt from './i18n/path.pt.json' with { type: 'json' };
import { pathAdminRoutes } from './path/admin-routes.js';
import { pathExport } from './path/open-data.js';
import { pathCommuneRoutes, pathNetworkRoutes } from './path/routes.js';
import { seedPath } from './path/seed.js';
import { seedProgramme } from './seed.js';

/**
 * The network's open-governance programme (issue 13), run by its operator: calls for communes and volunteers,
 * review, deployments on a six-month assisted path, reports and blog posts. See docs/modules/programme.md.
 */
export const programmeModule: PalabreModule = {
  id: 'programme',
  nameKey: 'programme.module_name',
  // The programme belongs to the network, not to a commune: no commune switches it off.
  alwaysOn: true,
  networkRoutes: async (app) => {
    callPublicRoutes(app);
    reviewOperatorRoutes(app);
    reviewDeskRoutes(app);
    pathNetworkRoutes(app);
    pathAdminRoutes(app);
  },
  communeRoutes: async (app) => {
    pathCommuneRoutes(app);
  },
  navigation: [{ labelKey: 'programme.path.nav', path: 'programme', area: 'public', order: 85 }],
  networkLinks: [
    { labelKey: 'programme.title', path: '/network/programme' },
    { labelKey: 'programme.review.review_link', path: '/admin/programme/review', platformAdminOnly: true },
    { labelKey: 'programme.path.board_title', path: '/admin/programme/board', platformAdminOnly: true },
  ],
  accountLinks: [
    { labelKey: 'programme.review.desk_link', path: '/network/programme/review', accountPageOnly: true },
    { labelKey: 'programme.review.messages_link', path: '/network/programme/messages', accountPageOnly: true },
    { labelKey: 'programme.path.my_deployments', path: '/network/programme/deployments', accountPageOnly: true },
  ],
  openDataExports: [pathExport],
  migrations: {
    '2026-11-29T0000_programme_base': baseTables,
    '2026-11-29T0200_programme_review': reviewTables,
    '2026-11-29T0300_programme_path': pathTables,
  },
  seed: async (context) => {
    await seedProgramme(context);
    await seedPath(context);
  },
  i18n: {
    fr: { ...fr, ...reviewFr, ...pathFr },
    en: { ...en, ...reviewEn, ...pathEn },
    pt: { ...pt, ...reviewPt, ...pathPt },
    ar: { ...ar, ...reviewAr, ...pathAr },
  },
};
