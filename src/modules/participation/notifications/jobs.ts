import { publicBaseUrl } from '../../../platform/config/config.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { ModuleJob } from '../../../platform/module.js';
import { type DeliveryContext, sendDigests, sendEachTime } from './delivery.js';
import { announcePhaseOpenings } from './phase-announcements.js';

const deliveryContext = (services: PlatformServices): DeliveryContext => ({
  db: services.db,
  sender: services.messageSender,
  messages: services.messages,
  baseUrl: publicBaseUrl(services.config),
  secret: services.config.sessionSecret,
});

/** Phase openings first, so their notifications leave in the same run's messages. */
export const participationJobs: ModuleJob[] = [
  { id: 'participation.phase-openings', everyMinutes: 15, run: async (services, now) => void (await announcePhaseOpenings(services.db, now)) },
  {
    id: 'participation.notification-messages',
    everyMinutes: 5,
    run: async (services, now) => {
      const context = deliveryContext(services);
      // Both run even if one fails; the first failure is reported to the scheduler's log.
      const results = await Promise.allSettled([sendEachTime(context, now), sendDigests(context, now)]);
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    },
  },
];
