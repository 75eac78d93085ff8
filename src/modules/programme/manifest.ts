import type { PalabreModule } from '../../platform/module.js';
import { applyRoutes } from './calls/apply-routes.js';
import { registerApplicationFileRoute } from './calls/files.js';
import callsAr from './i18n/calls.ar.json' with { type: 'json' };
import callsEn from './i18n/calls.en.json' with { type: 'json' };
import callsFr from './i18n/calls.fr.json' with { type: 'json' };
import callsPt from './i18n/calls.pt.json' with { type: 'json' };
import { applicationsExport } from './calls/open-data.js';
import { operatorApplicationRoutes } from './calls/operator/applications.js';
import { operatorRoutes } from './calls/operator/routes.js';
import { teamRoutes } from './calls/operator/team.js';
import { callPublicRoutes } from './calls/public-routes.js';
import * as baseTables from './db/migrations/2026-11-29T0000_programme_base.js';
import * as callsTables from './db/migrations/2026-11-29T0100_programme_calls.js';
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
import * as writingTables from './db/migrations/2026-11-29T0400_programme_writing.js';
import writingAr from './i18n/writing.ar.json' with { type: 'json' };
import writingEn from './i18n/writing.en.json' with { type: 'json' };
import writingFr from './i18n/writing.fr.json' with { type: 'json' };
import writingPt from './i18n/writing.pt.json' with { type: 'json' };
import { writingRoutes } from './writing/routes.js';
import { seedWriting } from './writing/seed.js';

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
    applyRoutes(app);
    registerApplicationFileRoute(app);
    operatorRoutes(app);
    operatorApplicationRoutes(app);
    teamRoutes(app);
    reviewOperatorRoutes(app);
    reviewDeskRoutes(app);
    pathNetworkRoutes(app);
    pathAdminRoutes(app);
    writingRoutes(app);
  },
  communeRoutes: async (app) => {
    pathCommuneRoutes(app);
  },
  navigation: [{ labelKey: 'programme.path.nav', path: 'programme', area: 'public', order: 85 }],
  // Team operators who are not platform administrators find the back-office from /network/programme.
  networkLinks: [
    { labelKey: 'programme.title', path: '/network/programme' },
    { labelKey: 'programme.writing.blog.title', path: '/network/programme/blog' },
    { labelKey: 'programme.operator.home', path: '/admin/programme', platformAdminOnly: true },
  ],
  accountLinks: [
    { labelKey: 'programme.mine.title', path: '/network/programme/applications' },
    { labelKey: 'programme.writing.desk.title', path: '/network/programme/writing' },
    { labelKey: 'programme.review.desk_link', path: '/network/programme/review', accountPageOnly: true },
    { labelKey: 'programme.review.messages_link', path: '/network/programme/messages', accountPageOnly: true },
    { labelKey: 'programme.path.my_deployments', path: '/network/programme/deployments', accountPageOnly: true },
  ],
  openDataExports: [applicationsExport, pathExport],
  migrations: {
    '2026-11-29T0000_programme_base': baseTables,
    '2026-11-29T0100_programme_calls': callsTables,
    '2026-11-29T0200_programme_review': reviewTables,
    '2026-11-29T0300_programme_path': pathTables,
    '2026-11-29T0400_programme_writing': writingTables,
  },
  seed: async (context) => {
    await seedProgramme(context);
    await seedPath(context);
    await seedWriting(context);
  },
  i18n: {
    fr: { ...fr, ...callsFr, ...reviewFr, ...pathFr, ...writingFr },
    en: { ...en, ...callsEn, ...reviewEn, ...pathEn, ...writingEn },
    pt: { ...pt, ...callsPt, ...reviewPt, ...pathPt, ...writingPt },
    ar: { ...ar, ...callsAr, ...reviewAr, ...pathAr, ...writingAr },
  },
};
