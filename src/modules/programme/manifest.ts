import type { PalabreModule } from '../../platform/module.js';
import { callPublicRoutes } from './calls/public-routes.js';
import * as baseTables from './db/migrations/2026-11-29T0000_programme_base.js';
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
  },
  networkLinks: [
    { labelKey: 'programme.title', path: '/network/programme' },
    { labelKey: 'programme.review.review_link', path: '/admin/programme/review', platformAdminOnly: true },
  ],
  accountLinks: [
    { labelKey: 'programme.review.desk_link', path: '/network/programme/review', accountPageOnly: true },
    { labelKey: 'programme.review.messages_link', path: '/network/programme/messages', accountPageOnly: true },
  ],
  migrations: {
    '2026-11-29T0000_programme_base': baseTables,
    '2026-11-29T0200_programme_review': reviewTables,
  },
  seed: seedProgramme,
  i18n: { fr: { ...fr, ...reviewFr }, en: { ...en, ...reviewEn }, pt: { ...pt, ...reviewPt }, ar: { ...ar, ...reviewAr } },
};
