import type { PalabreModule } from '../../platform/module.js';
import * as core from './db/migrations/2026-11-27T0200_channels_core.js';
import * as inbound from './db/migrations/2026-11-27T0400_channels_inbound.js';
import * as audience from './db/migrations/2026-11-27T0500_channels_audience.js';
import * as deliveries from './db/migrations/2026-11-27T0510_channels_deliveries.js';
import * as inbox from './db/migrations/2026-11-27T0520_channels_inbox.js';
import inboxAr from './i18n/inbox.ar.json' with { type: 'json' };
import inboxEn from './i18n/inbox.en.json' with { type: 'json' };
import inboxFr from './i18n/inbox.fr.json' with { type: 'json' };
import inboxPt from './i18n/inbox.pt.json' with { type: 'json' };
import * as broadcasts from './db/migrations/2026-11-27T0700_channels_broadcasts.js';
import { broadcastBatchHandler, broadcastStartHandler } from './broadcasts/jobs.js';
import audienceAr from './i18n/audience.ar.json' with { type: 'json' };
import audienceEn from './i18n/audience.en.json' with { type: 'json' };
import audienceFr from './i18n/audience.fr.json' with { type: 'json' };
import audiencePt from './i18n/audience.pt.json' with { type: 'json' };
import * as whatsapp from './db/migrations/2026-11-27T0800_channels_whatsapp.js';
import smsAr from './i18n/sms.ar.json' with { type: 'json' };
import smsEn from './i18n/sms.en.json' with { type: 'json' };
import smsFr from './i18n/sms.fr.json' with { type: 'json' };
import smsPt from './i18n/sms.pt.json' with { type: 'json' };
import ussdParticipationAr from './i18n/ussd-participation.ar.json' with { type: 'json' };
import ussdParticipationEn from './i18n/ussd-participation.en.json' with { type: 'json' };
import ussdParticipationFr from './i18n/ussd-participation.fr.json' with { type: 'json' };
import ussdParticipationPt from './i18n/ussd-participation.pt.json' with { type: 'json' };
import statsAr from './i18n/statistics.ar.json' with { type: 'json' };
import statsEn from './i18n/statistics.en.json' with { type: 'json' };
import statsFr from './i18n/statistics.fr.json' with { type: 'json' };
import statsPt from './i18n/statistics.pt.json' with { type: 'json' };
import { channelsParticipationExport } from './statistics/statistics.js';
import { channelStatisticsPublicRoutes } from './statistics/statistics-routes.js';
import { channelWebhookRoutes } from './webhook-routes.js';
import { channelAdminRoutes } from './admin-routes.js';
import { seedChannels } from './seed.js';
import { channelMessageDelivery } from './delivery/sender.js';
import { channelDeliveryRoutes } from './delivery-routes.js';
import adminAr from './i18n/admin.ar.json' with { type: 'json' };
import adminEn from './i18n/admin.en.json' with { type: 'json' };
import adminFr from './i18n/admin.fr.json' with { type: 'json' };
import adminPt from './i18n/admin.pt.json' with { type: 'json' };
import costsAr from './i18n/costs.ar.json' with { type: 'json' };
import costsEn from './i18n/costs.en.json' with { type: 'json' };
import costsFr from './i18n/costs.fr.json' with { type: 'json' };
import costsPt from './i18n/costs.pt.json' with { type: 'json' };
import ussdAr from './i18n/ussd.ar.json' with { type: 'json' };
import ussdEn from './i18n/ussd.en.json' with { type: 'json' };
import ussdFr from './i18n/ussd.fr.json' with { type: 'json' };
import ussdPt from './i18n/ussd.pt.json' with { type: 'json' };
import whatsAppAr from './i18n/whatsapp.ar.json' with { type: 'json' };
import whatsAppEn from './i18n/whatsapp.en.json' with { type: 'json' };
import whatsAppFr from './i18n/whatsapp.fr.json' with { type: 'json' };
import whatsAppPt from './i18n/whatsapp.pt.json' with { type: 'json' };
import { whatsAppMediaHandler } from './whatsapp/media-job.js';

/** Channels for every phone: USSD menus, SMS keywords and WhatsApp, with delivery through the job queue (issue 10). */
export const channelsModule: PalabreModule = {
  id: 'channels',
  nameKey: 'channels.module_name',
  communeRoutes: async (app) => {
    await channelWebhookRoutes(app);
    await channelDeliveryRoutes(app);
    await channelStatisticsPublicRoutes(app);
  },
  adminRoutes: async (app) => channelAdminRoutes(app),
  seed: seedChannels,
  messageDelivery: channelMessageDelivery(),
  navigation: [
    { labelKey: 'channels.admin.nav', path: 'admin/channels', area: 'admin', order: 80, roles: ['staff', 'admin'] },
    { labelKey: 'channels.stats.nav', path: 'admin/channels/statistics', area: 'admin', order: 81, roles: ['staff', 'admin'] },
  ],
  openDataExports: [channelsParticipationExport],
  migrations: { '2026-11-27T0200_channels_core': core, '2026-11-27T0400_channels_inbound': inbound, '2026-11-27T0500_channels_audience': audience, '2026-11-27T0510_channels_deliveries': deliveries, '2026-11-27T0520_channels_inbox': inbox, '2026-11-27T0700_channels_broadcasts': broadcasts, '2026-11-27T0800_channels_whatsapp': whatsapp },
  queueHandlers: [broadcastStartHandler, broadcastBatchHandler, whatsAppMediaHandler()],
  i18n: {
    fr: { ...ussdFr, ...adminFr, ...smsFr, ...inboxFr, ...costsFr, ...audienceFr, ...whatsAppFr, ...ussdParticipationFr, ...statsFr },
    en: { ...ussdEn, ...adminEn, ...smsEn, ...inboxEn, ...costsEn, ...audienceEn, ...whatsAppEn, ...ussdParticipationEn, ...statsEn },
    pt: { ...ussdPt, ...adminPt, ...smsPt, ...inboxPt, ...costsPt, ...audiencePt, ...whatsAppPt, ...ussdParticipationPt, ...statsPt },
    ar: { ...ussdAr, ...adminAr, ...smsAr, ...inboxAr, ...costsAr, ...audienceAr, ...whatsAppAr, ...ussdParticipationAr, ...statsAr },
  },
};
