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
import * as notifications from './db/migrations/2026-11-23T2200_participation_notifications.js';
import { participationExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import notificationsAr from './i18n/notifications.ar.json' with { type: 'json' };
import notificationsEn from './i18n/notifications.en.json' with { type: 'json' };
import notificationsFr from './i18n/notifications.fr.json' with { type: 'json' };
import notificationsPt from './i18n/notifications.pt.json' with { type: 'json' };
import { followRoutes } from './notifications/follow-routes.js';
import { participationJobs } from './notifications/jobs.js';
import { notificationPreferenceRoutes } from './notifications/preference-routes.js';
import { inboxRoutes } from './inbox.js';
import { participationRoutes } from './routes.js';
import { seedParticipation } from './seed.js';

/** Consultations with phases, proposals, supports and the commune's reasoned answers. */
export const participationModule: PalabreModule = {
  id: 'participation',
  communeRoutes: async (app) => {
    await participationRoutes(app);
    await followRoutes(app);
  },
  adminRoutes: participationAdminRoutes,
  networkRoutes: async (app) => {
    await inboxRoutes(app);
    await notificationPreferenceRoutes(app);
  },
  jobs: participationJobs,
  accountLinks: [
    { labelKey: 'participation.inbox.title', path: '/inbox' },
    { labelKey: 'participation.notifications.choices_link', path: '/account/notifications', accountPageOnly: true },
  ],
  navigation: [
    { labelKey: 'participation.nav', path: 'consultations', area: 'public', order: 15 },
    { labelKey: 'participation.nav', path: 'admin/consultations', area: 'admin', order: 15, roles: ['staff', 'admin'] },
    { labelKey: 'participation.moderation.title', path: 'admin/moderation', area: 'admin', order: 16, roles: ['staff', 'admin', 'moderator'] },
  ],
  migrations: { '2026-11-23T1100_participation_core': core, '2026-11-23T1200_participation_comments': comments, '2026-11-23T1300_participation_closing': closing, '2026-11-23T1400_participation_search': search, '2026-11-23T1500_participation_support_count': supportCount, '2026-11-23T1600_participation_figures': figures, '2026-11-23T1700_participation_inbox': inbox, '2026-11-23T1800_participation_meetings': meetings, '2026-11-23T2200_participation_notifications': notifications },
  seed: seedParticipation,
  openDataExports: participationExports,
  i18n: { fr: { ...fr, ...notificationsFr }, en: { ...en, ...notificationsEn }, pt: { ...pt, ...notificationsPt }, ar: { ...ar, ...notificationsAr } },
};
