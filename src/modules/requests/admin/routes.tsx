import type { FastifyInstance } from 'fastify';
import { registerInformationAdminRoutes } from '../information/admin-routes.js';

/**
 * Back-office pages of citizen requests under /<commune>/admin/…: each slice registers its own routes here
 * (handling and dashboard, settings, access-to-information, Open311 keys).
 */
export async function requestsAdminRoutes(app: FastifyInstance): Promise<void> {
  registerInformationAdminRoutes(app);
}
