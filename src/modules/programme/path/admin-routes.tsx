import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import type { CohortRow } from '../db/tables.js';
import { authorizeOperator } from '../permissions.js';
import { linkCommune, pair, setCountryRule, setDeploymentStatus, unpair } from './commands.js';
import { BoardPage, PairingPage, type PairingProps } from './admin-views.js';
import { linkSchema, pairSchema, ruleSchema, statusSchema } from './forms.js';
import { boardPath, pairingPath, templateTitleKeys } from './labels.js';
import { pathActor } from './policy.js';
import { allCohorts, cohortBySlug, cohortDeployments, deploymentById, deploymentsWithSteps, installCommunes, selectedApplications } from './queries.js';

// Team pages: signed in at the door, then the programme's own rule (operators only) inside.
const signedIn = { config: { access: 'signed-in' as const } };
type CohortParams = { Params: { cohortSlug: string } };
type DeploymentParams = { Params: { cohortSlug: string; deploymentId: string } };
type ApplicationParams = { Params: { cohortSlug: string; applicationId: string } };

async function operatorCohort(request: FastifyRequest<CohortParams>): Promise<CohortRow> {
  await authorizeOperator(request);
  const cohort = await cohortBySlug(request.server.platform.db, request.params.cohortSlug);
  if (!cohort) throw new AppError('NOT_FOUND');
  return cohort;
}

/** A deployment of the cohort named in the URL, never one of another cohort. */
async function cohortDeployment(request: FastifyRequest<DeploymentParams>) {
  const cohort = await operatorCohort(request);
  const deployment = isUuid(request.params.deploymentId) ? await deploymentById(request.server.platform.db, request.params.deploymentId) : undefined;
  if (!deployment || deployment.cohort_id !== cohort.id) throw new AppError('NOT_FOUND');
  return { cohort, deployment };
}

const defaultPairForm = (cohort: CohortRow): FormState => ({ values: { starts_on: cohort.path_starts_on, ends_on: cohort.path_ends_on }, errors: {} });

async function pairingProps(db: Kysely<PlatformTables>, cohort: CohortRow, form: FormState): Promise<PairingProps> {
  return { cohort, form, applications: await selectedApplications(db, cohort.id), deployments: await cohortDeployments(db, cohort.id), communes: await installCommunes(db) };
}

function pairingRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const path = '/admin/programme/cohorts/:cohortSlug/deployments';
  app.get<CohortParams>(path, signedIn, async (request, reply) => {
    const cohort = await operatorCohort(request);
    const props = await pairingProps(db, cohort, defaultPairForm(cohort));
    return sendPage(request, reply, (ctx) => <PairingPage ctx={ctx} props={props} />);
  });
  // Idempotent: a double submit pairs once; a refused pair re-renders the form with the choices kept.
  app.post<CohortParams>(path, signedIn, async (request, reply) => {
    const cohort = await operatorCohort(request);
    const refused = async (tx: Kysely<PlatformTables>, form: FormState) => {
      const props = await pairingProps(tx, cohort, form);
      return pageOutcome(request, (ctx) => <PairingPage ctx={ctx} props={props} />, 422);
    };
    const parsed = parseForm(pairSchema, request.body);
    if (!parsed.ok) {
      const props = await pairingProps(db, cohort, parsed.form as FormState);
      return sendPage(request, reply, (ctx) => <PairingPage ctx={ctx} props={props} />, 422);
    }
    const { commune_application, volunteer_application, starts_on, ends_on } = parsed.data;
    return idempotent(request, reply, 'programme.path.pair', async (tx) => {
      const input = { communeApplicationId: commune_application, volunteerApplicationId: volunteer_application, startsOn: starts_on, endsOn: ends_on };
      const result = await pair(tx, pathActor(request), cohort, input, (template) => request.t(templateTitleKeys[template]));
      if ('error' in result) return refused(tx, { values: request.body as FormState['values'], errors: { _form: result.error } });
      return { statusCode: 303, location: pairingPath(cohort.slug), flash: 'programme.path.paired' };
    });
  });
  app.post<CohortParams>(`${path}/rule`, signedIn, async (request, reply) => {
    const cohort = await operatorCohort(request);
    const parsed = parseForm(ruleSchema, request.body);
    await setCountryRule(db, pathActor(request), cohort, parsed.ok && parsed.data.abroad_only);
    return redirectWithFlash(reply, pairingPath(cohort.slug), 'programme.path.saved');
  });
}

function deploymentAdminRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<ApplicationParams>('/admin/programme/cohorts/:cohortSlug/applications/:applicationId/commune', signedIn, async (request, reply) => {
    const cohort = await operatorCohort(request);
    const parsed = parseForm(linkSchema, request.body);
    if (!parsed.ok || !isUuid(request.params.applicationId)) throw new AppError('BAD_REQUEST');
    const commune = (await installCommunes(db)).find((c) => c.id === parsed.data.commune_id);
    if (!commune) throw new AppError('BAD_REQUEST');
    const error = await linkCommune(db, pathActor(request), cohort, request.params.applicationId, commune.id);
    if (error === 'programme.path.error_not_selected') throw new AppError('NOT_FOUND');
    return redirectWithFlash(reply, pairingPath(cohort.slug), error ?? 'programme.path.linked');
  });
  app.post<DeploymentParams>('/admin/programme/cohorts/:cohortSlug/deployments/:deploymentId/status', signedIn, async (request, reply) => {
    const { cohort, deployment } = await cohortDeployment(request);
    const parsed = parseForm(statusSchema, request.body);
    if (!parsed.ok) throw new AppError('BAD_REQUEST');
    await setDeploymentStatus(db, pathActor(request), deployment, parsed.data.status);
    return redirectWithFlash(reply, pairingPath(cohort.slug), 'programme.path.saved');
  });
  app.post<DeploymentParams>('/admin/programme/cohorts/:cohortSlug/deployments/:deploymentId/remove', signedIn, async (request, reply) => {
    const { cohort, deployment } = await cohortDeployment(request);
    const removed = await unpair(db, pathActor(request), deployment);
    return redirectWithFlash(reply, pairingPath(cohort.slug), removed ? 'programme.path.unpaired' : 'programme.path.error_unpair_started');
  });
}

function boardRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<{ Querystring: { cohort?: string; late?: string } }>(boardPath, signedIn, async (request, reply) => {
    await authorizeOperator(request);
    const cohorts = await allCohorts(db);
    const now = new Date();
    // By default the cohort whose path is running (or the latest to have started).
    const cohort = cohorts.find((c) => c.slug === request.query.cohort) ?? cohorts.find((c) => c.path_starts_on <= now.toISOString().slice(0, 10)) ?? cohorts[0];
    if (!cohort) throw new AppError('NOT_FOUND');
    const lateOnly = request.query.late === '1';
    const all = await deploymentsWithSteps(db, await cohortDeployments(db, cohort.id), now);
    const items = lateOnly ? all.filter((item) => item.steps.some((s) => s.progress.late)) : all;
    return sendPage(request, reply, (ctx) => <BoardPage ctx={ctx} cohorts={cohorts} cohort={cohort} items={items} lateOnly={lateOnly} />);
  });
}

/** The operator's pages: pairing per cohort, the board of every deployment. */
export function pathAdminRoutes(app: FastifyInstance): void {
  pairingRoutes(app);
  deploymentAdminRoutes(app);
  boardRoutes(app);
}
