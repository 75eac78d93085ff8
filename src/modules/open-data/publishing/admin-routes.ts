import type { FastifyInstance } from 'fastify';
import { registerDatasetRoutes } from './dataset-routes.js';
import { registerResourceRoutes } from './resource-routes.js';

/** The back-office where staff describe datasets, upload their files and follow their history. */
export async function publishingAdminRoutes(app: FastifyInstance): Promise<void> {
  registerDatasetRoutes(app);
  registerResourceRoutes(app);
}
