import type { FastifyInstance } from 'fastify';
import { registerRequestsSettingsRoutes } from './settings-routes.js';

/**
 * Back-office pages of citizen requests under /<commune>/admin/…: each slice registers its own routes here
 * (handling and dashboard, settings, access-to-information, Open311 keys).
 */
export async function requestsAdminRoutes(app: FastifyInstance): Promise<void> {
  void app;
  registerRequestsSettingsRoutes(app);
}
