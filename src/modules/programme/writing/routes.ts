import type { FastifyInstance } from 'fastify';
import { blogRoutes } from './blog-routes.js';
import { deskRoutes } from './desk-routes.js';
import { lessonRoutes } from './lesson-routes.js';
import { postRoutes } from './post-routes.js';
import { activityReportRoutes } from './report-routes.js';

/** Everything the programme's volunteers write: reports, blog posts, lessons learned; and the public blog. */
export function writingRoutes(app: FastifyInstance): void {
  deskRoutes(app);
  activityReportRoutes(app);
  postRoutes(app);
  blogRoutes(app);
  lessonRoutes(app);
}
