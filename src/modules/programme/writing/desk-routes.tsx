import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../../platform/http/render.js';
import { authorizeOperator, teamStanding } from '../permissions.js';
import { AdminReportsPage } from './admin-reports-views.js';
import { DeskPage, type DeskDeployment } from './desk-views.js';
import { adminReportsPath, deskPath } from './paths.js';
import { deploymentPosts } from './posts.js';
import { communeName, namesOf, volunteerDeployments } from './queries.js';
import { deploymentReports, lateReports, reportsToAcknowledge } from './reports.js';

const signedIn = { config: { access: 'signed-in' as const } };

/** The volunteer's desk (their deployments, reports and posts) and the operator's view of the reports. */
export function deskRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get(deskPath, signedIn, async (request, reply) => {
    const standing = await teamStanding(db, request.actor);
    const deployments = request.actor.user ? await volunteerDeployments(db, request.actor.user.id) : [];
    const desks: DeskDeployment[] = await Promise.all(
      deployments.map(async (deployment) => ({ deployment, communeName: await communeName(db, deployment.commune_id), reports: await deploymentReports(db, deployment.id), posts: await deploymentPosts(db, deployment.id) })),
    );
    return sendPage(request, reply, (ctx) => <DeskPage ctx={ctx} desks={desks} standing={standing} />);
  });
  app.get(adminReportsPath, signedIn, async (request, reply) => {
    await authorizeOperator(request);
    const [late, toAcknowledge, names] = await Promise.all([lateReports(db, new Date()), reportsToAcknowledge(db), namesOf(db)]);
    return sendPage(request, reply, (ctx) => <AdminReportsPage ctx={ctx} props={{ late, toAcknowledge, names }} />);
  });
}
