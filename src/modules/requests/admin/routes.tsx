import type { FastifyInstance } from 'fastify';
import { registerInformationAdminRoutes } from '../information/admin-routes.js';
import { open311AdminRoutes } from '../open311/admin-routes.js';
import { registerProcedureFieldRoutes } from '../procedures/field-routes.js';
import { registerProcedureFilingForSomeone } from '../procedures/filing-routes.js';
import { registerProcedureHandlingRoutes } from '../procedures/handling-routes.js';
import { registerHandlingRoutes } from './handling-routes.js';
import { registerRequestsSettingsRoutes } from './settings-routes.js';

/**
 * Back-office pages of citizen requests under /<commune>/admin/…: each slice registers its own routes here
 * (handling and dashboard, settings, access-to-information, Open311 keys).
 */
export async function requestsAdminRoutes(app: FastifyInstance): Promise<void> {
  registerHandlingRoutes(app);
  registerRequestsSettingsRoutes(app);
  registerInformationAdminRoutes(app);
  registerProcedureFieldRoutes(app);
  registerProcedureFilingForSomeone(app);
  registerProcedureHandlingRoutes(app);
  await open311AdminRoutes(app);
}
