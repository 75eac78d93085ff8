import type { PalabreModule } from '../../platform/module.js';
import * as core from './db/migrations/2026-11-27T0200_channels_core.js';
import { channelWebhookRoutes } from './webhook-routes.js';
import ussdAr from './i18n/ussd.ar.json' with { type: 'json' };
import ussdEn from './i18n/ussd.en.json' with { type: 'json' };
import ussdFr from './i18n/ussd.fr.json' with { type: 'json' };
import ussdPt from './i18n/ussd.pt.json' with { type: 'json' };

/** Channels for every phone: USSD menus, SMS keywords and WhatsApp, with delivery through the job queue (issue 10). */
export const channelsModule: PalabreModule = {
  id: 'channels',
  nameKey: 'channels.module_name',
  communeRoutes: channelWebhookRoutes,
  migrations: { '2026-11-27T0200_channels_core': core },
  i18n: { fr: { ...ussdFr }, en: { ...ussdEn }, pt: { ...ussdPt }, ar: { ...ussdAr } },
};
