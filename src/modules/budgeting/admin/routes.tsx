import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { dateToZonedLocal } from '../../../platform/i18n/format.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { findProposalSummary, listProposalSummaries } from '../../participation/index.js';
import { createProject, parseProjectForm, parseReviewForm, reviewProject, updateProject } from '../commands/project-commands.js';
import { createRound, parsePhasesForm, parseRoundForm, savePhases, updateRound } from '../commands/round-commands.js';
import type { Project, Round, RoundPhase, SubBudget } from '../db/tables.js';
import { amountInputValue } from '../money.js';
import { budgetingPolicy } from '../permissions.js';
import { findProject, findRound, isFrozen, listAllRounds, phasesOf, projectsOf, subBudgetsOf } from '../queries/budget-queries.js';
import { registerImplementationAdminRoutes } from './implementation-routes.js';
import { paperBallotRoutes } from '../voting/paper-routes.js';
import { eligibilityRoutes } from '../voting/eligibility.js';
import { pollingStationRoutes } from '../voting/polling-station.js';
import { AdminRoundsPage, EditRoundPage, NewRoundPage, ProjectFormPage } from './admin-views.js';

const staff = { config: { access: staffOnly } };
type RoundParams = { Params: { id: string } };
type ProjectParams = { Params: { id: string; pid: string } };
type Values = Record<string, string>;
const empty: FormState = { values: {}, errors: {} };

function guard(request: FastifyRequest, action: 'round.manage' | 'project.manage' | 'project.review' = 'round.manage'): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  budgetingPolicy.authorize(request.actor, action, { communeId: commune.id });
  return commune;
}

const audit = (request: FastifyRequest, action: string, resourceType: string, resourceId: string, details?: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType, resourceId, ip: request.ip, ...(details ? { details } : {}) });

async function roundOr404(request: FastifyRequest, id: string): Promise<Round> {
  const round = await findRound(request.server.platform.db, request.commune!.id, id, { includeDrafts: true });
  if (!round) throw new AppError('NOT_FOUND');
  return round;
}

function roundValues(round: Round, subBudgets: SubBudget[]): Values {
  const on = (flag: boolean) => (flag ? 'on' : '');
  const values: Values = {
    total_amount: amountInputValue(round.total_amount),
    per_neighbourhood: on(round.per_neighbourhood),
    sub_budgets: subBudgets.map((s) => `${s.neighbourhood}: ${amountInputValue(s.amount)}`).join('\n'),
    rule: round.rule,
    max_choices: round.max_choices?.toString() ?? '',
    points: round.points?.toString() ?? '',
    min_age: round.min_age?.toString() ?? '',
    require_verified_phone: on(round.require_verified_phone),
    allow_assisted: on(round.allow_assisted),
    allow_ballot_change: on(round.allow_ballot_change),
    status: round.status,
  };
  for (const [l, v] of Object.entries(round.title)) values[`title_${l}`] = v ?? '';
  for (const [l, v] of Object.entries(round.description)) values[`description_${l}`] = v ?? '';
  return values;
}

function phaseValues(phases: RoundPhase[], timeZone: string): Values {
  return Object.fromEntries(phases.flatMap((p) => [[`${p.kind}_starts_at`, dateToZonedLocal(p.starts_at, timeZone)], [`${p.kind}_ends_at`, dateToZonedLocal(p.ends_at, timeZone)]]));
}

async function showRound(request: FastifyRequest, reply: FastifyReply, id: string, forms: { form?: FormState; phaseForm?: FormState } = {}, status = 200) {
  const commune = guard(request);
  const { db } = request.server.platform;
  const round = await roundOr404(request, id);
  const [phases, subBudgets, projects, proposals] = await Promise.all([phasesOf(db, commune.id, round.id), subBudgetsOf(db, commune.id, round.id), projectsOf(db, commune.id, round.id), listProposalSummaries(db, commune.id)]);
  const props = {
    round,
    subBudgets,
    projects,
    proposals,
    frozen: isFrozen(phases),
    form: forms.form ?? { values: roundValues(round, subBudgets), errors: {} },
    phaseForm: forms.phaseForm ?? { values: phaseValues(phases, commune.time_zone), errors: {} },
  };
  return sendPage(request, reply, (ctx) => <EditRoundPage ctx={ctx} props={props} />, status);
}

function projectValues(project: Project): Values {
  const text = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    title: project.title,
    description: project.description,
    neighbourhood: text(project.neighbourhood),
    estimated_cost: amountInputValue(project.estimated_cost),
    place: text(project.place),
    latitude: text(project.latitude),
    longitude: text(project.longitude),
    responsible_service: text(project.responsible_service),
    feasibility: project.feasibility,
    feasibility_reason: text(project.feasibility_reason),
    revised_cost: amountInputValue(project.revised_cost),
    cost_note: text(project.cost_note),
  };
}

async function showProject(request: FastifyRequest, reply: FastifyReply, round: Round, project: Project | null, forms: { form?: FormState; reviewForm?: FormState } = {}, status = 200) {
  const { db } = request.server.platform;
  const commune = request.commune!;
  const subBudgets = await subBudgetsOf(db, commune.id, round.id);
  const form = forms.form ?? (project ? { values: projectValues(project), errors: {} } : empty);
  const proposalId = project?.proposal_id ?? form.values.proposal_id;
  const proposal = proposalId ? await findProposalSummary(db, commune.id, proposalId) : undefined;
  const props = { round, subBudgets, project, proposal, form, reviewForm: forms.reviewForm ?? (project ? { values: projectValues(project), errors: {} } : empty) };
  return sendPage(request, reply, (ctx) => <ProjectFormPage ctx={ctx} props={props} />, status);
}

/** Forms with a photo are multipart; a url-encoded post (no file, scripts, tests) is read the same way. */
async function readProjectForm(request: FastifyRequest): Promise<MultipartForm> {
  if (request.isMultipart()) return readMultipartForm(request);
  const fields = Object.fromEntries(Object.entries((request.body as Record<string, unknown> | undefined) ?? {}).filter((e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string'));
  return { fields, files: {} };
}

/** A file that is not an image is a mistake to show beside the field, not an error page. */
async function storePhoto(request: FastifyRequest, file: MultipartForm['files'][string] | undefined): Promise<string | null | 'refused'> {
  if (!file) return null;
  try {
    return (await storeUpload(request, file, { communeId: request.commune!.id, accept: ['image'] })).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE') return 'refused';
    throw error;
  }
}

/** Reads and checks a submitted project; a proposal link must name a public proposal of this commune. */
async function submittedProject(request: FastifyRequest, round: Round) {
  const { db } = request.server.platform;
  const { fields: values, files } = await readProjectForm(request);
  const { errors, columns } = parseProjectForm(values, await subBudgetsOf(db, request.commune!.id, round.id));
  if (columns?.proposal_id && !(await findProposalSummary(db, request.commune!.id, columns.proposal_id))) errors.proposal_id = 'core.form.invalid';
  const photo = Object.keys(errors).length === 0 ? await storePhoto(request, files.photo) : null;
  if (photo === 'refused') errors.photo = 'budgeting.project.photo_invalid';
  if (Object.keys(errors).length > 0 || !columns) return { ok: false as const, form: { values, errors } };
  return { ok: true as const, columns: { ...columns, photo_file_id: photo as string | null } };
}

function registerRoundRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get('/budgets', staff, async (request, reply) => {
    const commune = guard(request);
    const rounds = await listAllRounds(db, commune.id);
    return sendPage(request, reply, (ctx) => <AdminRoundsPage ctx={ctx} rounds={rounds} />);
  });

  app.get('/budgets/new', staff, async (request, reply) => {
    guard(request);
    return sendPage(request, reply, (ctx) => <NewRoundPage ctx={ctx} form={{ values: { status: 'draft', rule: 'knapsack', allow_assisted: 'on' }, errors: {} }} />);
  });

  app.post('/budgets', staff, async (request, reply) => {
    const commune = guard(request);
    const values = (request.body ?? {}) as Values;
    const { errors, input } = parseRoundForm(values, commune);
    if (!input) return sendPage(request, reply, (ctx) => <NewRoundPage ctx={ctx} form={{ values, errors }} />, 422);
    const id = await createRound(db, commune, input);
    await audit(request, 'budget_round.created', 'budget_round', id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/budgets/${id}`, 'budgeting.admin.saved');
  });

  app.get<RoundParams>('/budgets/:id', staff, async (request, reply) => showRound(request, reply, request.params.id));

  app.post<RoundParams>('/budgets/:id', staff, async (request, reply) => {
    const commune = guard(request);
    const round = await roundOr404(request, request.params.id);
    const values = (request.body ?? {}) as Values;
    const { errors, input } = parseRoundForm(values, commune);
    if (!input) return showRound(request, reply, round.id, { form: { values, errors } }, 422);
    await updateRound(db, commune.id, round, input);
    await audit(request, 'budget_round.updated', 'budget_round', round.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/budgets/${round.id}`, 'budgeting.admin.saved');
  });

  app.post<RoundParams>('/budgets/:id/phases', staff, async (request, reply) => {
    const commune = guard(request);
    const round = await roundOr404(request, request.params.id);
    const values = (request.body ?? {}) as Values;
    const { errors, phases } = parsePhasesForm(values, commune.time_zone);
    if (Object.keys(errors).length > 0) return showRound(request, reply, round.id, { phaseForm: { values, errors } }, 422);
    await savePhases(db, commune.id, round.id, phases);
    await audit(request, 'budget_round.phases_saved', 'budget_round', round.id, { phases: phases.map((p) => p.kind) });
    return redirectWithFlash(reply, `/${commune.slug}/admin/budgets/${round.id}`, 'budgeting.admin.saved');
  });
}

function registerProjectRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get<RoundParams & { Querystring: { proposal?: string } }>('/budgets/:id/projects/new', staff, async (request, reply) => {
    const commune = guard(request, 'project.manage');
    const round = await roundOr404(request, request.params.id);
    const proposal = request.query.proposal ? await findProposalSummary(db, commune.id, request.query.proposal) : undefined;
    if (request.query.proposal && !proposal) throw new AppError('NOT_FOUND');
    const values: Values = proposal ? { proposal_id: proposal.id, title: proposal.title.slice(0, 200), description: proposal.body, neighbourhood: proposal.neighbourhood ?? '' } : {};
    return showProject(request, reply, round, null, { form: { values, errors: {} } });
  });

  app.post<RoundParams>('/budgets/:id/projects', staff, async (request, reply) => {
    const commune = guard(request, 'project.manage');
    const round = await roundOr404(request, request.params.id);
    const submitted = await submittedProject(request, round);
    if (!submitted.ok) return showProject(request, reply, round, null, { form: submitted.form }, 422);
    const id = await createProject(db, commune.id, round.id, submitted.columns);
    await audit(request, 'budget_project.created', 'budget_project', id, submitted.columns.proposal_id ? { proposal_id: submitted.columns.proposal_id } : undefined);
    return redirectWithFlash(reply, `/${commune.slug}/admin/budgets/${round.id}/projects/${id}`, 'budgeting.admin.saved');
  });

  app.get<ProjectParams>('/budgets/:id/projects/:pid', staff, async (request, reply) => {
    const commune = guard(request, 'project.manage');
    const round = await roundOr404(request, request.params.id);
    const project = await findProject(db, commune.id, round.id, request.params.pid);
    if (!project) throw new AppError('NOT_FOUND');
    return showProject(request, reply, round, project);
  });

  app.post<ProjectParams>('/budgets/:id/projects/:pid', staff, async (request, reply) => {
    const commune = guard(request, 'project.manage');
    const round = await roundOr404(request, request.params.id);
    const project = await findProject(db, commune.id, round.id, request.params.pid);
    if (!project) throw new AppError('NOT_FOUND');
    const submitted = await submittedProject(request, round);
    if (!submitted.ok) return showProject(request, reply, round, project, { form: submitted.form }, 422);
    await updateProject(db, commune.id, project, submitted.columns);
    await audit(request, 'budget_project.updated', 'budget_project', project.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/budgets/${round.id}/projects/${project.id}`, 'budgeting.admin.saved');
  });

  app.post<ProjectParams>('/budgets/:id/projects/:pid/review', staff, async (request, reply) => {
    const commune = guard(request, 'project.review');
    const round = await roundOr404(request, request.params.id);
    const project = await findProject(db, commune.id, round.id, request.params.pid);
    if (!project) throw new AppError('NOT_FOUND');
    const values = (request.body ?? {}) as Values;
    const { errors, review } = parseReviewForm(values);
    if (!review) return showProject(request, reply, round, project, { reviewForm: { values, errors } }, 422);
    await reviewProject(db, commune.id, project, review, request.actor.user!.id);
    await audit(request, 'budget_project.reviewed', 'budget_project', project.id, { feasibility: review.feasibility, revised_cost: review.revisedCost });
    return redirectWithFlash(reply, `/${commune.slug}/admin/budgets/${round.id}/projects/${project.id}`, 'budgeting.review.saved');
  });
}

/** Back-office of participatory budgets under /<commune>/admin/. */
export async function budgetingAdminRoutes(app: FastifyInstance): Promise<void> {
  registerRoundRoutes(app);
  registerProjectRoutes(app);
  registerImplementationAdminRoutes(app);
  await paperBallotRoutes(app);
  await eligibilityRoutes(app);
  await pollingStationRoutes(app);
}
