import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { channelStatistics } from './statistics.js';
import { ChannelStatisticsPage } from './statistics-views.js';

/** The commune's staff and admins read the staff page (the public page shows the same counts to everyone). */
export const channelStatisticsPolicy = definePolicy<{ 'channels.statistics.view': { communeId: string } }>({
  'channels.statistics.view': (actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
});

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** Staff: /<commune>/admin/channels/statistics (registered from channelAdminRoutes). No audit: it changes nothing. */
export function channelStatisticsAdminRoutes(app: FastifyInstance): void {
  app.get('/channels/statistics', { config: { access: staffOnly } }, async (request, reply) => {
    const commune = communeOf(request);
    channelStatisticsPolicy.authorize(request.actor, 'channels.statistics.view', { communeId: commune.id });
    const stats = await channelStatistics(request.server.platform.db, commune);
    return sendPage(request, reply, (ctx) => <ChannelStatisticsPage ctx={ctx} stats={stats} area="admin" />);
  });
}

/** Everyone: /<commune>/channels/statistics, the same counts (nobody in them). */
export async function channelStatisticsPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/channels/statistics', { config: { access: 'public' } }, async (request, reply) => {
    const stats = await channelStatistics(request.server.platform.db, communeOf(request));
    return sendPage(request, reply, (ctx) => <ChannelStatisticsPage ctx={ctx} stats={stats} area="public" />);
  });
}
