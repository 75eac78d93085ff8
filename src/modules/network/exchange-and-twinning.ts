import type { FastifyInstance } from 'fastify';
import type { SeedContext } from '../../platform/module.js';
import { exchangeRoutes } from './exchange/routes.js';
import { seedExchange } from './exchange/seed.js';
import { twinningAdminRoutes, twinningCommuneRoutes, twinningNetworkRoutes } from './twinning/routes.js';
import { seedTwinnings } from './twinning/seed.js';

/** Peer exchange between member communes' staff, and twinning: their entry points for the manifest. */
export async function exchangeNetworkRoutes(app: FastifyInstance): Promise<void> {
  await exchangeRoutes(app);
  await twinningNetworkRoutes(app);
}

export const exchangeCommuneRoutes = twinningCommuneRoutes;
export const exchangeAdminRoutes = twinningAdminRoutes;

export async function seedExchangeAndTwinning(context: SeedContext): Promise<void> {
  await seedExchange(context);
  await seedTwinnings(context);
}
