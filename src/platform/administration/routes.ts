import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from './audit-routes.js';
import { registerDashboardRoute } from './dashboard.js';
import { registerParticipantRoutes } from './participants-routes.js';
import { registerRoleRoutes } from './roles-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';

export { administrationNetworkRoutes } from './network-routes.js';

/** The commune's back-office home, roles, assisted participants, settings and audit log (under /:commune/admin). */
export async function administrationCommuneRoutes(app: FastifyInstance): Promise<void> {
  registerDashboardRoute(app);
  registerRoleRoutes(app);
  registerParticipantRoutes(app);
  registerSettingsRoutes(app);
  registerAuditRoutes(app);
}
