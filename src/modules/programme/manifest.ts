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
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
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
    applyRoutes(app);
    registerApplicationFileRoute(app);
    operatorRoutes(app);
    operatorApplicationRoutes(app);
    teamRoutes(app);
  },
  networkLinks: [
    { labelKey: 'programme.title', path: '/network/programme' },
    { labelKey: 'programme.operator.home', path: '/admin/programme', platformAdminOnly: true },
  ],
  migrations: {
    '2026-11-29T0000_programme_base': baseTables,
    '2026-11-29T0100_programme_calls': callsTables,
  },
  seed: seedProgramme,
  accountLinks: [{ labelKey: 'programme.mine.title', path: '/network/programme/applications' }],
  openDataExports: [applicationsExport],
  i18n: { fr: { ...fr, ...callsFr }, en: { ...en, ...callsEn }, pt: { ...pt, ...callsPt }, ar: { ...ar, ...callsAr } },
};
