import type { PalabreModule } from '../module.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/** Network home, communes, roles, mediators' participants and the audit log. */
export const administrationArea: PalabreModule = {
  id: 'administration',
  alwaysOn: true,
  migrations: {},
  i18n: { fr, en, pt, ar },
};
