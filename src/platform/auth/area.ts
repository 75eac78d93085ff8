import type { PalabreModule } from '../module.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import { authRoutes } from './routes.js';

/** Sign-in by one-time code, the account page and sessions. */
export const authArea: PalabreModule = {
  id: 'auth',
  alwaysOn: true,
  networkRoutes: authRoutes,
  migrations: {},
  i18n: { fr, en, pt, ar },
};
