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
import * as surveys from './db/migrations/2026-11-23T1900_participation_surveys.js';
import * as figuresAndOrder from './db/migrations/2026-11-23T2300_participation_figures_and_order.js';
import * as assistedFigures from './db/migrations/2026-11-23T2320_participation_assisted_figures.js';
import * as surveyFigures from './db/migrations/2026-11-23T2340_participation_survey_figures.js';
import * as answerQueue from './db/migrations/2026-11-23T2360_participation_answer_queue.js';
import * as consultationImage from './db/migrations/2026-11-23T2370_participation_consultation_image.js';
import * as moderation from './db/migrations/2026-11-23T2100_participation_moderation.js';
import * as proposalDetails from './db/migrations/2026-11-23T2000_participation_proposal_details.js';
import * as notifications from './db/migrations/2026-11-23T2200_participation_notifications.js';
import * as phoneChannels from './db/migrations/2026-11-27T0530_participation_phone_channels.js';
import * as phoneSurveys from './db/migrations/2026-11-27T0920_participation_phone_surveys.js';
import { participationExports } from './exports.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import surveysAr from './i18n/surveys.ar.json' with { type: 'json' };
import surveysEn from './i18n/surveys.en.json' with { type: 'json' };
import surveysFr from './i18n/surveys.fr.json' with { type: 'json' };
import surveysPt from './i18n/surveys.pt.json' with { type: 'json' };
import moderationAr from './i18n/moderation.ar.json' with { type: 'json' };
import moderationEn from './i18n/moderation.en.json' with { type: 'json' };
import moderationFr from './i18n/moderation.fr.json' with { type: 'json' };
import moderationPt from './i18n/moderation.pt.json' with { type: 'json' };
import proposalsAr from './i18n/proposals.ar.json' with { type: 'json' };
import proposalsEn from './i18n/proposals.en.json' with { type: 'json' };
import proposalsFr from './i18n/proposals.fr.json' with { type: 'json' };
import proposalsPt from './i18n/proposals.pt.json' with { type: 'json' };
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
  migrations: {
    '2026-11-23T1100_participation_core': core,
    '2026-11-23T1200_participation_comments': comments,
    '2026-11-23T1300_participation_closing': closing,
    '2026-11-23T1400_participation_search': search,
    '2026-11-23T1500_participation_support_count': supportCount,
    '2026-11-23T1600_participation_figures': figures,
    '2026-11-23T1700_participation_inbox': inbox,
    '2026-11-23T1800_participation_meetings': meetings,
    '2026-11-23T1900_participation_surveys': surveys,
    '2026-11-23T2000_participation_proposal_details': proposalDetails,
    '2026-11-23T2100_participation_moderation': moderation,
    '2026-11-23T2200_participation_notifications': notifications,
    '2026-11-23T2300_participation_figures_and_order': figuresAndOrder,
    '2026-11-23T2320_participation_assisted_figures': assistedFigures,
    '2026-11-23T2340_participation_survey_figures': surveyFigures,
    '2026-11-23T2360_participation_answer_queue': answerQueue,
    '2026-11-23T2370_participation_consultation_image': consultationImage,
    '2026-11-27T0530_participation_phone_channels': phoneChannels,
    '2026-11-27T0920_participation_phone_surveys': phoneSurveys,
  },
  seed: seedParticipation,
  openDataExports: participationExports,
  i18n: {
    fr: { ...fr, ...surveysFr, ...moderationFr, ...proposalsFr, ...notificationsFr },
    en: { ...en, ...surveysEn, ...moderationEn, ...proposalsEn, ...notificationsEn },
    pt: { ...pt, ...surveysPt, ...moderationPt, ...proposalsPt, ...notificationsPt },
    ar: { ...ar, ...surveysAr, ...moderationAr, ...proposalsAr, ...notificationsAr },
  },
};
