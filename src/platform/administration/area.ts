import { databaseUpkeepJobs } from '../db/upkeep.js';
import { queueUpkeepJobs } from '../queue/upkeep.js';
import queueAr from '../queue/i18n/ar.json' with { type: 'json' };
import queueEn from '../queue/i18n/en.json' with { type: 'json' };
import queueFr from '../queue/i18n/fr.json' with { type: 'json' };
import queuePt from '../queue/i18n/pt.json' with { type: 'json' };
import type { PalabreModule } from '../module.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import { administrationCommuneRoutes, administrationNetworkRoutes } from './routes.js';

/** Network home, communes, roles, mediators' participants and the audit log. */
export const administrationArea: PalabreModule = {
  id: 'administration',
  alwaysOn: true,
  networkRoutes: administrationNetworkRoutes,
  adminRoutes: administrationCommuneRoutes,
  navigation: [
    { labelKey: 'administration.nav.roles', path: 'admin/roles', area: 'admin', order: 80, roles: ['admin'] },
    { labelKey: 'administration.nav.participants', path: 'admin/participants', area: 'admin', order: 85, roles: ['admin', 'mediator'] },
    { labelKey: 'administration.nav.settings', path: 'admin/settings', area: 'admin', order: 90, roles: ['admin'] },
    { labelKey: 'administration.nav.audit', path: 'admin/audit', area: 'admin', order: 95, roles: ['admin'] },
  ],
  migrations: {},
  // The platform's own housekeeping runs with the module jobs.
  jobs: [...databaseUpkeepJobs, ...queueUpkeepJobs],
  // The job queue's page (/admin/queue) is part of the platform administration.
  i18n: { fr: { ...fr, ...queueFr }, en: { ...en, ...queueEn }, pt: { ...pt, ...queuePt }, ar: { ...ar, ...queueAr } },
};
