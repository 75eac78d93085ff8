import type { FastifyInstance } from 'fastify';
import { guideAdminRoutes } from './guides/admin-routes.js';
import { guideNetworkRoutes } from './guides/public-routes.js';
import { practiceAdminRoutes } from './practices/admin-routes.js';
import { practiceCommuneRoutes, practiceNetworkRoutes } from './practices/public-routes.js';

/** Good practices and guides (issue 11): one registrar per mount point, for manifest.ts. */
export const practicesAndGuides = {
  networkRoutes: (app: FastifyInstance) => {
    practiceNetworkRoutes(app);
    guideNetworkRoutes(app);
    guideAdminRoutes(app);
  },
  communeRoutes: (app: FastifyInstance) => practiceCommuneRoutes(app),
  adminRoutes: (app: FastifyInstance) => practiceAdminRoutes(app),
};
