import type { PalabreModule } from '../module.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import * as ledgerMigration from './migrations/2026-11-26T0100_platform_ledger.js';
import { ledgerCommuneRoutes } from './routes.js';

/** The tamper-evident record of every commune's official publications (domain-free: modules append to it). */
export const ledgerArea: PalabreModule = {
  id: 'ledger',
  alwaysOn: true,
  communeRoutes: ledgerCommuneRoutes,
  migrations: { '2026-11-26T0100_platform_ledger': ledgerMigration },
  i18n: { fr, en, pt, ar },
};
