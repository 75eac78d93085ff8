import type { PalabreModule } from '../../platform/module.js';
import { participationAdminRoutes } from './admin/routes.js';
import * as core from './db/migrations/2026-11-23T1100_participation_core.js';
import * as comments from './db/migrations/2026-11-23T1200_participation_comments.js';
import * as closing from './db/migrations/2026-11-23T1300_participation_closing.js';
import * as search from './db/migrations/2026-11-23T1400_participation_search.js';
import * as supportCount from './db/migrations/2026-11-23T1500_participation_support_count.js';
import * as figures from './db/migrations/2026-11-23T1600_participation_figures.js';
import * as inbox from './db/migrations/2026-11-23T1700_participation_inbox.js';
import * as meetings from './db/migrations/2026-11-23T1800_participation_meetings.js';
import * as proposalDetails from './db/migrations/2026-11-23T2000_participation_proposal_details.js';
import { participationExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import proposalsAr from './i18n/proposals.ar.json' with { type: 'json' };
import proposalsEn from './i18n/proposals.en.json' with { type: 'json' };
import proposalsFr from './i18n/proposals.fr.json' with { type: 'json' };
import proposalsPt from './i18n/proposals.pt.json' with { type: 'json' };
import { inboxRoutes } from './inbox.js';
import { participationRoutes } from './routes.js';
import { seedParticipation } from './seed.js';

/** Consultations with phases, proposals, supports and the commune's reasoned answers. */
export const participationModule: PalabreModule = {
  id: 'participation',
  communeRoutes: participationRoutes,
  adminRoutes: participationAdminRoutes,
  networkRoutes: inboxRoutes,
  accountLinks: [{ labelKey: 'participation.inbox.title', path: '/inbox' }],
  navigation: [
    { labelKey: 'participation.nav', path: 'consultations', area: 'public', order: 15 },
    { labelKey: 'participation.nav', path: 'admin/consultations', area: 'admin', order: 15, roles: ['staff', 'admin'] },
    { labelKey: 'participation.moderation.title', path: 'admin/moderation', area: 'admin', order: 16, roles: ['staff', 'admin', 'moderator'] },
  ],
  migrations: { '2026-11-23T1100_participation_core': core, '2026-11-23T1200_participation_comments': comments, '2026-11-23T1300_participation_closing': closing, '2026-11-23T1400_participation_search': search, '2026-11-23T1500_participation_support_count': supportCount, '2026-11-23T1600_participation_figures': figures, '2026-11-23T1700_participation_inbox': inbox, '2026-11-23T1800_participation_meetings': meetings, '2026-11-23T2000_participation_proposal_details': proposalDetails },
  seed: seedParticipation,
  openDataExports: participationExports,
  i18n: { fr: { ...fr, ...proposalsFr }, en: { ...en, ...proposalsEn }, pt: { ...pt, ...proposalsPt }, ar: { ...ar, ...proposalsAr } },
};
