import type { PalabreModule } from '../../platform/module.js';
import { callPublicRoutes } from './calls/public-routes.js';
import * as baseTables from './db/migrations/2026-11-29T0000_programme_base.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
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
    writingRoutes(app);
  },
  networkLinks: [
    { labelKey: 'programme.title', path: '/network/programme' },
    { labelKey: 'programme.writing.blog.title', path: '/network/programme/blog' },
    { labelKey: 'programme.writing.report.admin_title', path: '/admin/programme/reports', platformAdminOnly: true },
    { labelKey: 'programme.writing.post.admin_title', path: '/admin/programme/posts', platformAdminOnly: true },
    { labelKey: 'programme.writing.lesson.admin_title', path: '/admin/programme/lessons', platformAdminOnly: true },
  ],
  accountLinks: [{ labelKey: 'programme.writing.desk.title', path: '/network/programme/writing' }],
  migrations: {
    '2026-11-29T0000_programme_base': baseTables,
    '2026-11-29T0400_programme_writing': writingTables,
  },
  seed: async (context) => {
    await seedProgramme(context);
    await seedWriting(context);
  },
  i18n: { fr: { ...fr, ...writingFr }, en: { ...en, ...writingEn }, pt: { ...pt, ...writingPt }, ar: { ...ar, ...writingAr } },
};
