import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { addEvidence, addMilestone, type NewEvidence, createCommitment, createPlan, type PlanActor, setCommitmentStatus, setMilestoneStatus, setPlanState, updateCommitment, updatePlan } from './commands.js';
import { commitmentSchema, evidenceSchema, milestoneSchema, planSchema, statusSchema, textValues } from './forms.js';
import { planProgress } from './queries.js';
import { AdminPlanPage, AdminPlansPage, CommitmentFormPage, PlanFormPage } from './admin-views.js';
import { plansPolicy } from './permissions.js';
import { coCreationAdminRoutes, coCreationOf } from './sources.js';
import { type CommitmentRow, type PlanRow, scopedPlans } from './tables.js';

const staff = { config: { access: staffOnly } };
type PlanParams = { Params: { id: string } };
type CommitmentParams = { Params: { id: string; cid: string } };
type Body = Record<string, unknown>;

function manager(request: FastifyRequest): { commune: Commune; actor: PlanActor } {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  plansPolicy.authorize(request.actor, 'accountability.plans.manage', { communeId: commune.id });
  return { commune, actor: { communeId: commune.id, actorId: request.actor.user?.id ?? null } };
}

const listOf = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

const planValues = (plan: PlanRow): FormState['values'] => ({
  kind: plan.kind, title_fr: plan.title.fr ?? '', title_en: plan.title.en ?? '', title_pt: plan.title.pt ?? '', title_ar: plan.title.ar ?? '',
  ...textValues('description', plan.description), period_start: plan.period_start, period_end: plan.period_end, influence_level: plan.influence_level ?? '',
});

const commitmentValues = (c: CommitmentRow): FormState['values'] => ({
  title_fr: c.title.fr ?? '', title_en: c.title.en ?? '', title_pt: c.title.pt ?? '', title_ar: c.title.ar ?? '',
  ...textValues('problem', c.problem), ...textValues('action', c.action), ...textValues('solution', c.solution), ...textValues('expected_results', c.expected_results),
  lead_institution: c.lead_institution, supporters_government: c.supporters_government, supporters_civil_society: c.supporters_civil_society,
  supporters_other: c.supporters_other, contact_name: c.contact_name ?? '', contact_email: c.contact_email ?? '', start_date: c.start_date ?? '',
  end_date: c.end_date ?? '', policy_area: c.policy_area, budget_amount: c.budget_amount ?? '', sdgs: c.sdgs.join(', '), weight: String(c.weight),
});

async function ownPlan(request: FastifyRequest<PlanParams>) {
  const { commune, actor } = manager(request);
  const progress = await planProgress(request.server.platform.db, commune.id, request.params.id);
  if (!progress) throw new AppError('NOT_FOUND');
  return { commune, actor, progress };
}

async function ownCommitment(request: FastifyRequest<CommitmentParams>) {
  const { commune, actor, progress } = await ownPlan(request);
  const entry = isUuid(request.params.cid) ? progress.commitments.find((c) => c.commitment.id === request.params.cid) : undefined;
  if (!entry) throw new AppError('NOT_FOUND');
  const milestones = await scopedPlans(request.server.platform.db, commune.id).selectFrom('accountability_milestones').selectAll().where('commitment_id', '=', entry.commitment.id).orderBy('position').execute();
  const back = `/${commune.slug}/admin/plans/${progress.plan.id}/commitments/${entry.commitment.id}`;
  return { actor, planId: progress.plan.id, commitment: entry.commitment, milestones, back };
}

type OwnCommitment = Awaited<ReturnType<typeof ownCommitment>>;

function showCommitment(request: FastifyRequest, reply: FastifyReply, own: OwnCommitment, forms: { form?: FormState; values?: string[]; side?: FormState } = {}, status = 200) {
  const props = { planId: own.planId, commitment: own.commitment, milestones: own.milestones, form: forms.form ?? { values: commitmentValues(own.commitment), errors: {} }, values: forms.values ?? own.commitment.ogp_values, side: forms.side ?? { values: {}, errors: {} } };
  return sendPage(request, reply, (ctx) => <CommitmentFormPage ctx={ctx} props={props} />, status);
}

/** The commitment's follow-up forms (status, milestone, evidence) share one page; a refusal shows it again. */
function parsed<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.output<S> } | { ok: false; form: FormState } {
  const result = parseForm(schema, body);
  return result.ok ? result : { ok: false, form: result.form as FormState };
}

const refusedEvidence = (fields: Record<string, string>, field: string, error: string) => ({ ok: false as const, form: { values: { ...fields }, errors: { [field]: error } } as FormState });

/** A link or one file (a PDF or a photo, checked from its bytes), never both and never neither. */
async function evidenceFrom(request: FastifyRequest, communeId: string, form: MultipartForm): Promise<{ ok: true; evidence: NewEvidence } | { ok: false; form: FormState }> {
  const result = parsed(evidenceSchema, form.fields);
  if (!result.ok) return result;
  const file = form.files.evidence_file;
  if (form.oversized?.includes('evidence_file')) return refusedEvidence(form.fields, 'evidence_file', 'accountability.plans.error_file_too_large');
  if (!!file === !!result.data.evidence_url) return refusedEvidence(form.fields, 'evidence_url', 'accountability.plans.error_evidence_target');
  if (!file) return { ok: true, evidence: { title: result.data.evidence_title, url: result.data.evidence_url! } };
  try {
    const stored = await storeUpload(request, file, { communeId, accept: ['pdf', 'image'] });
    return { ok: true, evidence: { title: result.data.evidence_title, fileId: stored.id, kind: stored.mediaType === 'application/pdf' ? 'document' : 'photo' } };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED_FILE_TYPE') throw error;
    return refusedEvidence(form.fields, 'evidence_file', 'accountability.plans.error_file_type');
  }
}

function planRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/plans', staff, async (request, reply) => {
    const { commune } = manager(request);
    const plans = await scopedPlans(db, commune.id).selectFrom('accountability_plans').selectAll().orderBy('period_start', 'desc').execute();
    return sendPage(request, reply, (ctx) => <AdminPlansPage ctx={ctx} plans={plans} />);
  });
  app.get('/plans/new', staff, async (request, reply) => {
    manager(request);
    return sendPage(request, reply, (ctx) => <PlanFormPage ctx={ctx} form={{ values: { kind: 'ogp_action_plan' }, errors: {} }} />);
  });
  app.post('/plans', staff, async (request, reply) => {
    const { commune, actor } = manager(request);
    const result = parsed(planSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <PlanFormPage ctx={ctx} form={result.form} />, 422);
    const id = await createPlan(db, actor, result.data);
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/${id}`, 'accountability.plans.saved');
  });
  app.get<PlanParams>('/plans/:id', staff, async (request, reply) => {
    const { commune, progress } = await ownPlan(request);
    const coCreation = await coCreationOf(db, commune.id, progress.plan.id);
    return sendPage(request, reply, (ctx) => <AdminPlanPage ctx={ctx} progress={progress} coCreation={coCreation} />);
  });
  app.get<PlanParams>('/plans/:id/edit', staff, async (request, reply) => {
    const { progress } = await ownPlan(request);
    return sendPage(request, reply, (ctx) => <PlanFormPage ctx={ctx} form={{ values: planValues(progress.plan), errors: {} }} planId={progress.plan.id} />);
  });
  app.post<PlanParams>('/plans/:id/edit', staff, async (request, reply) => {
    const { commune, actor, progress } = await ownPlan(request);
    const result = parsed(planSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <PlanFormPage ctx={ctx} form={result.form} planId={progress.plan.id} />, 422);
    await updatePlan(db, actor, progress.plan.id, result.data);
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/${progress.plan.id}`, 'accountability.plans.saved');
  });
  app.post<PlanParams>('/plans/:id/state', staff, async (request, reply) => {
    const { commune, actor, progress } = await ownPlan(request);
    const state = (request.body as Body | undefined)?.state;
    if (state !== 'draft' && state !== 'published') throw new AppError('BAD_REQUEST');
    await setPlanState(db, actor, progress.plan.id, state);
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/${progress.plan.id}`, 'accountability.plans.saved');
  });
}

function commitmentRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<PlanParams>('/plans/:id/commitments/new', staff, async (request, reply) => {
    const { progress } = await ownPlan(request);
    return sendPage(request, reply, (ctx) => <CommitmentFormPage ctx={ctx} props={{ planId: progress.plan.id, form: { values: { weight: '1' }, errors: {} }, values: [] }} />);
  });
  app.post<PlanParams>('/plans/:id/commitments', staff, async (request, reply) => {
    const { commune, actor, progress } = await ownPlan(request);
    const result = parsed(commitmentSchema, request.body);
    const values = listOf((request.body as Body | undefined)?.ogp_values);
    if (!result.ok) return sendPage(request, reply, (ctx) => <CommitmentFormPage ctx={ctx} props={{ planId: progress.plan.id, form: result.form, values }} />, 422);
    const id = await createCommitment(db, actor, progress.plan.id, result.data);
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/${progress.plan.id}/commitments/${id}`, 'accountability.plans.saved');
  });
  app.get<CommitmentParams>('/plans/:id/commitments/:cid', staff, async (request, reply) => showCommitment(request, reply, await ownCommitment(request)));
  app.post<CommitmentParams>('/plans/:id/commitments/:cid/edit', staff, async (request, reply) => {
    const own = await ownCommitment(request);
    const result = parsed(commitmentSchema, request.body);
    if (!result.ok) return showCommitment(request, reply, own, { form: result.form, values: listOf((request.body as Body | undefined)?.ogp_values) }, 422);
    await updateCommitment(db, own.actor, own.commitment.id, result.data);
    return redirectWithFlash(reply, own.back, 'accountability.plans.saved');
  });
  app.post<CommitmentParams>('/plans/:id/commitments/:cid/status', staff, async (request, reply) => {
    const own = await ownCommitment(request);
    const result = statusSchema.safeParse(request.body);
    if (!result.success) throw new AppError('BAD_REQUEST');
    await setCommitmentStatus(db, own.actor, own.commitment.id, result.data.status, app.platform.config);
    return redirectWithFlash(reply, own.back, 'accountability.plans.saved');
  });
}

function followUpRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<CommitmentParams>('/plans/:id/commitments/:cid/milestones', staff, async (request, reply) => {
    const own = await ownCommitment(request);
    const result = parsed(milestoneSchema, request.body);
    if (!result.ok) return showCommitment(request, reply, own, { side: result.form }, 422);
    await addMilestone(db, own.actor, own.commitment.id, result.data);
    return redirectWithFlash(reply, own.back, 'accountability.plans.saved');
  });
  app.post<CommitmentParams & { Params: { mid: string } }>('/plans/:id/commitments/:cid/milestones/:mid/status', staff, async (request, reply) => {
    const own = await ownCommitment(request);
    const result = statusSchema.safeParse(request.body);
    if (!result.success || !isUuid(request.params.mid)) throw new AppError('BAD_REQUEST');
    await setMilestoneStatus(db, own.actor, own.commitment.id, request.params.mid, result.data.status);
    return redirectWithFlash(reply, own.back, 'accountability.plans.saved');
  });
  app.post<CommitmentParams>('/plans/:id/commitments/:cid/evidence', staff, async (request, reply) => {
    const own = await ownCommitment(request);
    const form = request.isMultipart() ? await readMultipartForm(request, { keepTextOnOversize: true }) : { fields: request.body as Record<string, string>, files: {} };
    const result = await evidenceFrom(request, own.actor.communeId, form);
    if (!result.ok) return showCommitment(request, reply, own, { side: result.form }, 422);
    await addEvidence(db, own.actor, own.commitment.id, result.evidence);
    return redirectWithFlash(reply, own.back, 'accountability.plans.saved');
  });
}

/** Staff write the commune's plans and commitments and report their progress. */
export function planAdminRoutes(app: FastifyInstance): void {
  planRoutes(app);
  commitmentRoutes(app);
  followUpRoutes(app);
  coCreationAdminRoutes(app);
}
