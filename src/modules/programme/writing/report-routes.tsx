import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { actorOf, allowOr404, authoredDeployment, type DeploymentAccess, relatedDeployment } from './access.js';
import { lateMonths, reportablePeriods } from './months.js';
import { communeName } from './queries.js';
import { ReportFormPage, type ReportFormProps, ReportPage, ReportsPage } from './report-views.js';
import { createReport, deploymentReports, reportOf, reportSchema, reviewReport, reviewSchema, updateReport } from './reports.js';
import { reportPath } from './paths.js';
import { authorizeOperator } from '../permissions.js';
import type { ReportRow } from './tables.js';

const signedIn = { config: { access: 'signed-in' as const } };
type DeploymentParams = { Params: { id: string } };
type ReportParams = { Params: { id: string; reportId: string } };

/** The report named in the URL, of the deployment named in the URL, if the policy lets the actor read it. */
async function readableReport(request: FastifyRequest<ReportParams>): Promise<{ access: DeploymentAccess; report: ReportRow }> {
  const access = await relatedDeployment(request, request.params.id);
  const report = isUuid(request.params.reportId) ? await reportOf(request.server.platform.db, access.deployment.id, request.params.reportId) : undefined;
  if (!report) throw new AppError('NOT_FOUND');
  allowOr404(request, 'programme.writing.read_report', { relation: access.relation, status: report.status });
  return { access, report };
}

const reportValues = (report: ReportRow): FormState => emptyForm({ period: report.period, activities: report.activities, results: report.results, difficulties: report.difficulties, next_steps: report.next_steps });

function showForm(request: FastifyRequest, reply: FastifyReply, props: ReportFormProps, status = 200) {
  return sendPage(request, reply, (ctx) => <ReportFormPage ctx={ctx} props={props} />, status);
}

function listRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<DeploymentParams>('/network/programme/deployments/:id/reports', signedIn, async (request, reply) => {
    const { deployment, relation } = await relatedDeployment(request, request.params.id);
    const all = await deploymentReports(db, deployment.id);
    // The host commune reads what was submitted; drafts stay the volunteer's.
    const reports = all.filter((r) => relation === 'volunteer' || r.status !== 'draft');
    const late = relation === 'commune' || deployment.status !== 'active' ? [] : lateMonths(deployment, new Set(reports.filter((r) => r.status !== 'draft').map((r) => r.period)), new Date());
    const name = await communeName(db, deployment.commune_id);
    return sendPage(request, reply, (ctx) => <ReportsPage ctx={ctx} props={{ deploymentId: deployment.id, communeName: name, relation, reports, late }} />);
  });
  app.get<DeploymentParams>('/network/programme/deployments/:id/reports/new', signedIn, async (request, reply) => {
    const { deployment } = await authoredDeployment(request, request.params.id);
    const periods = reportablePeriods(deployment, new Date()).reverse();
    return showForm(request, reply, { deploymentId: deployment.id, periods, form: emptyForm() });
  });
  // Idempotent: a resent form creates one report; a month that already has one is refused with the text kept.
  app.post<DeploymentParams>('/network/programme/deployments/:id/reports', signedIn, async (request, reply) => {
    const { deployment } = await authoredDeployment(request, request.params.id);
    const periods = reportablePeriods(deployment, new Date()).reverse();
    const result = parseForm(reportSchema, request.body);
    const refuse = (form: FormState) => showForm(request, reply, { deploymentId: deployment.id, periods, form }, 422);
    if (!result.ok) return refuse(result.form as FormState);
    if (!periods.includes(result.data.period)) return refuse({ values: request.body as FormState['values'], errors: { period: 'core.form.invalid' } });
    return idempotent(request, reply, 'programme.report.create', async (tx) => {
      const id = await createReport(tx, actorOf(request), deployment, result.data);
      if (!id) return pageOutcome(request, (ctx) => <ReportFormPage ctx={ctx} props={{ deploymentId: deployment.id, periods, form: { values: request.body as FormState['values'], errors: { period: 'programme.writing.report.error_period_taken' } } }} />, 422);
      const flash = result.data.action === 'submit' ? 'programme.writing.report.submitted_flash' : 'programme.writing.saved';
      return { statusCode: 303, location: reportPath(deployment.id, id), flash };
    });
  });
}

function reportRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<ReportParams>('/network/programme/deployments/:id/reports/:reportId', signedIn, async (request, reply) => {
    const { access, report } = await readableReport(request);
    if (access.relation === 'volunteer' && report.status === 'draft') return showForm(request, reply, { deploymentId: access.deployment.id, report, periods: [report.period], form: reportValues(report) });
    return sendPage(request, reply, (ctx) => <ReportPage ctx={ctx} deploymentId={access.deployment.id} report={report} relation={access.relation} reviewForm={emptyForm({ comment: report.operator_comment ?? '' })} />);
  });
  app.post<ReportParams>('/network/programme/deployments/:id/reports/:reportId', signedIn, async (request, reply) => {
    const { access, report } = await readableReport(request);
    allowOr404(request, 'programme.writing.edit_report', { relation: access.relation, status: report.status });
    const result = parseForm(reportSchema, { ...(request.body as object), period: report.period });
    if (!result.ok) return showForm(request, reply, { deploymentId: access.deployment.id, report, periods: [report.period], form: result.form as FormState }, 422);
    if (!(await updateReport(db, actorOf(request), access.deployment, report, result.data))) throw new AppError('CONFLICT');
    return redirectWithFlash(reply, reportPath(access.deployment.id, report.id), result.data.action === 'submit' ? 'programme.writing.report.submitted_flash' : 'programme.writing.saved');
  });
  app.post<ReportParams>('/network/programme/deployments/:id/reports/:reportId/review', signedIn, async (request, reply) => {
    await authorizeOperator(request);
    const { access, report } = await readableReport(request);
    if (report.status === 'draft') throw new AppError('NOT_FOUND');
    const result = parseForm(reviewSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <ReportPage ctx={ctx} deploymentId={access.deployment.id} report={report} relation={access.relation} reviewForm={result.form as FormState} />, 422);
    await reviewReport(db, actorOf(request), access.deployment, report, result.data);
    return redirectWithFlash(reply, reportPath(access.deployment.id, report.id), result.data.action === 'acknowledge' ? 'programme.writing.report.acknowledged_flash' : 'programme.writing.saved');
  });
}

/** Monthly activity reports of a deployment: the volunteer writes, the operator acknowledges, the host commune reads. */
export function activityReportRoutes(app: FastifyInstance): void {
  listRoutes(app);
  reportRoutes(app);
}
