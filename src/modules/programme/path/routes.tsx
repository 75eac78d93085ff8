import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { idempotent } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { scorecardIndicators } from '../../network/index.js';
import { teamStanding } from '../permissions.js';
import { addStep, removeStep, saveEvidence, saveTerms, type StepInput, updateStep } from './commands.js';
import { CommuneProgrammePage, DeploymentPage, MyDeploymentsPage, StepEditPage, stepForm } from './deployment-views.js';
import { evidenceSchema, stepSchema, termsFromForm } from './forms.js';
import { deploymentPath, programmeDeploymentsPath, stepTitle } from './labels.js';
import { pathActor, pathPolicy, relatedDeployment } from './policy.js';
import { actorDeployments, communeDeployments, deploymentsWithSteps, measuredSteps, stepById } from './queries.js';

const signedIn = { config: { access: 'signed-in' as const } };
type IdParams = { Params: { id: string } };
type StepParams = { Params: { id: string; stepId: string } };

async function showDeployment(request: FastifyRequest<IdParams>, reply: FastifyReply, stepFormState?: FormState, status = 200) {
  const { deployment, relation } = await relatedDeployment(request);
  const [item] = await deploymentsWithSteps(request.server.platform.db, [deployment], new Date());
  return sendPage(request, reply, (ctx) => <DeploymentPage ctx={ctx} item={item!} relation={relation} stepFormState={stepFormState} />, status);
}

/** The step named in the URL, only within the deployment named in the URL. */
async function relatedStep(request: FastifyRequest<StepParams>) {
  const related = await relatedDeployment(request);
  const step = isUuid(request.params.stepId) ? await stepById(request.server.platform.db, related.deployment.id, request.params.stepId) : undefined;
  if (!step) throw new AppError('NOT_FOUND');
  const [measured] = await measuredSteps(request.server.platform.db, related.deployment, [step], new Date());
  return { ...related, step: measured! };
}

const knownIndicator = (id: string | undefined) => id === undefined || scorecardIndicators().some((i) => i.id === id);

/** Validates the plan's fields; the indicator must be one of the scorecard's. */
function parseStep(body: unknown): { ok: true; data: Omit<StepInput, 'template'> } | { ok: false; form: FormState } {
  const result = parseForm(stepSchema, body);
  if (!result.ok) return { ok: false, form: result.form as FormState };
  const d = result.data;
  if (!knownIndicator(d.indicator)) return { ok: false, form: { values: (body ?? {}) as FormState['values'], errors: { indicator: 'programme.path.error_indicator' } } };
  return { ok: true, data: { title: d.title, owner: d.owner ?? '', dueOn: d.due_on, status: d.status, evidence: d.evidence ?? '', evidenceUrl: d.evidence_url ?? null, indicator: d.indicator ?? null, target: d.target ?? null } };
}

function listRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get(programmeDeploymentsPath, signedIn, async (request, reply) => {
    const standing = await teamStanding(db, request.actor);
    const items = await actorDeployments(db, request.actor, standing.operator);
    return sendPage(request, reply, (ctx) => <MyDeploymentsPage ctx={ctx} items={items} operator={standing.operator} />);
  });
  app.get<IdParams>(`${programmeDeploymentsPath}/:id`, signedIn, async (request, reply) => showDeployment(request, reply));
  app.post<IdParams>(`${programmeDeploymentsPath}/:id/terms`, signedIn, async (request, reply) => {
    const { deployment, relation } = await relatedDeployment(request);
    pathPolicy.authorize(request.actor, 'programme.path.operate', relation);
    await saveTerms(db, pathActor(request), deployment, termsFromForm(request.body, deployment.terms));
    return redirectWithFlash(reply, deploymentPath(deployment.id), 'programme.path.saved');
  });
  // Idempotent: a double click adds one step, not two.
  app.post<IdParams>(`${programmeDeploymentsPath}/:id/steps`, signedIn, async (request, reply) => {
    const { deployment, relation } = await relatedDeployment(request);
    pathPolicy.authorize(request.actor, 'programme.path.plan', relation);
    const parsed = parseStep(request.body);
    if (!parsed.ok) return showDeployment(request, reply, parsed.form, 422);
    return idempotent(request, reply, 'programme.path.step', async (tx) => {
      await addStep(tx, pathActor(request), deployment, { ...parsed.data, template: null });
      return { statusCode: 303, location: `${deploymentPath(deployment.id)}#add-step-form`, flash: 'programme.path.saved' };
    });
  });
}

/** A template step keeps its template (and so its translations) while its title is left as shown. */
const keptTemplate = (ctx: Pick<ViewContext, 't'>, step: { template: string | null; title: string }, title: string) =>
  step.template && (title === stepTitle(ctx, step) || title === step.title) ? step.template : null;

function stepRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const path = `${programmeDeploymentsPath}/:id/steps/:stepId`;
  app.get<StepParams>(path, signedIn, async (request, reply) => {
    const { deployment, relation, step } = await relatedStep(request);
    return sendPage(request, reply, (ctx) => <StepEditPage ctx={ctx} deployment={deployment} step={step} relation={relation} form={stepForm(ctx, step)} />);
  });
  app.post<StepParams>(path, signedIn, async (request, reply) => {
    const { deployment, relation, step } = await relatedStep(request);
    pathPolicy.authorize(request.actor, 'programme.path.evidence', relation);
    const planner = pathPolicy.can(request.actor, 'programme.path.plan', relation);
    const refused = (form: FormState) => sendPage(request, reply, (ctx) => <StepEditPage ctx={ctx} deployment={deployment} step={step} relation={relation} form={form} />, 422);
    if (planner) {
      const parsed = parseStep(request.body);
      if (!parsed.ok) return refused(parsed.form);
      const template = keptTemplate(request, step, parsed.data.title);
      await updateStep(db, pathActor(request), deployment, step.id, { ...parsed.data, template, title: template ? step.title : parsed.data.title });
    } else {
      const parsed = parseForm(evidenceSchema, request.body);
      if (!parsed.ok) return refused({ values: { ...stepForm(request, step).values, ...parsed.form.values }, errors: parsed.form.errors });
      await saveEvidence(db, pathActor(request), deployment, step.id, parsed.data.evidence ?? '', parsed.data.evidence_url ?? null);
    }
    return redirectWithFlash(reply, `${deploymentPath(deployment.id)}#step-${step.id}`, 'programme.path.saved');
  });
  app.post<StepParams>(`${path}/remove`, signedIn, async (request, reply) => {
    const { deployment, relation, step } = await relatedStep(request);
    pathPolicy.authorize(request.actor, 'programme.path.plan', relation);
    await removeStep(db, pathActor(request), deployment, step.id);
    return redirectWithFlash(reply, deploymentPath(deployment.id), 'programme.path.step_removed');
  });
}

/** The deployment pages (operator, volunteer, host commune's team) under /network/programme/deployments. */
export function pathNetworkRoutes(app: FastifyInstance): void {
  listRoutes(app);
  stepRoutes(app);
}

/** /:commune/programme: the commune's participation, public, measured from its own data. */
export function pathCommuneRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/programme', { config: { access: 'public' } }, async (request, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('NOT_FOUND');
    const items = await deploymentsWithSteps(db, await communeDeployments(db, commune.id), new Date());
    return sendPage(request, reply, (ctx) => <CommuneProgrammePage ctx={ctx} items={items} />);
  });
}
