import type { PalabreModule } from '../../platform/module.js';
import { callPublicRoutes } from './calls/public-routes.js';
import * as baseTables from './db/migrations/2026-11-29T0000_programme_base.js';
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
  },
  networkLinks: [{ labelKey: 'programme.title', path: '/network/programme' }],
  migrations: {
    '2026-11-29T0000_programme_base': baseTables,
  },
  seed: seedProgramme,
  i18n: { fr, en, pt, ar },
};
