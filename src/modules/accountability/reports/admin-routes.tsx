import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { type ReportActor, recordReview, saveReport } from './commands.js';
import { communeReportSchema, reviewSchema, shadowReportSchema } from './forms.js';
import { AssessableListPage, type ReportFormProps, ReportFormPage, ReviewFormPage } from './admin-views.js';
import { reportsPolicy } from './policy.js';
import { assessableCommitment, assessableCommitments, ownReports, reviewsOf } from './queries.js';
import { type AuthorKind, type ReportRow, scopedReports } from './tables.js';

type Policy = Parameters<typeof reportsPolicy.authorize>[1];
type CommitmentParams = { Params: { cid: string }; Querystring: { edit?: string } };
type StaffParams = { Params: { id: string; cid: string }; Querystring: { edit?: string } };

const civilSocietyOnly = { config: { access: { communeRoles: ['civil_society' as const] } } };
const monitorOnly = { config: { access: { communeRoles: ['monitor' as const] } } };
const staff = { config: { access: staffOnly } };

function authorized(request: FastifyRequest, action: Policy): { commune: Commune; actor: ReportActor } {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  reportsPolicy.authorize(request.actor, action, { communeId: commune.id });
  return { commune, actor: { communeId: commune.id, userId: request.actor.user?.id ?? null } };
}

/** What was typed, to show again (the CSRF token aside). */
function typedValues(body: unknown): FormState['values'] {
  const entries = Object.entries((body ?? {}) as Record<string, unknown>).filter(([name, value]) => name !== '_csrf' && typeof value === 'string');
  return Object.fromEntries(entries) as FormState['values'];
}

/** A report's fields as the form shows them, to correct it. */
function reportValues(report: ReportRow): FormState['values'] {
  const values: FormState['values'] = {
    period_start: report.period_start, period_end: report.period_end, status: report.status, narrative_fr: report.narrative.fr ?? '',
    challenges_fr: report.challenges.fr ?? '', organisation: report.organisation ?? '',
  };
  for (const [index, link] of report.evidence.entries()) Object.assign(values, { [`evidence_title_${index + 1}`]: link.title, [`evidence_url_${index + 1}`]: link.url });
  return values;
}

/** An empty form, or the author's own report of that id when they come to correct it. */
function startingForm(previous: ReportRow[], editId: string | undefined, defaults: FormState['values'] = {}): FormState {
  const report = editId ? previous.find((r) => r.id === editId) : undefined;
  return { values: report ? reportValues(report) : { status: 'not_started', ...defaults }, errors: {} };
}

interface ReportTarget {
  kind: AuthorKind;
  actor: ReportActor;
  commitment: { id: string; number: number; title: ReportFormProps['commitment']['title'] };
  action: string;
  back: string;
  previous: ReportRow[];
}

async function showReportForm(request: FastifyRequest, reply: FastifyReply, target: ReportTarget, form: FormState, status = 200) {
  const props: ReportFormProps = { commitment: target.commitment, action: target.action, form, previous: target.previous, shadow: target.kind === 'civil_society', back: target.back };
  return sendPage(request, reply, (ctx) => <ReportFormPage ctx={ctx} props={props} />, status);
}

/** Validates and saves a report; a refusal shows the form again with what was typed. */
async function submitReport(request: FastifyRequest, reply: FastifyReply, target: ReportTarget) {
  const result = parseForm(target.kind === 'civil_society' ? shadowReportSchema : communeReportSchema, request.body);
  if (!result.ok) return showReportForm(request, reply, target, result.form as FormState, 422);
  const saved = await saveReport(request.server.platform.db, target.actor, target.commitment.id, target.kind, result.data);
  if (!saved.ok) {
    return showReportForm(request, reply, target, { values: typedValues(request.body), errors: { [saved.field]: saved.messageKey } }, 422);
  }
  return redirectWithFlash(reply, target.back, saved.corrected ? 'accountability.reports.corrected' : 'accountability.reports.published');
}

/** Staff write the commune's own report from the commitment's back-office page. */
function communeReportRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  async function target(request: FastifyRequest<StaffParams>): Promise<ReportTarget> {
    const { commune, actor } = authorized(request, 'accountability.reports.write_commune');
    const { id: planId, cid } = request.params;
    const commitment = isUuid(planId) && isUuid(cid)
      ? await scopedReports(db, commune.id).selectFrom('accountability_commitments').select(['id', 'number', 'title']).where('id', '=', cid).where('plan_id', '=', planId).executeTakeFirst()
      : undefined;
    if (!commitment) throw new AppError('NOT_FOUND');
    const base = `/${commune.slug}/admin/plans/${planId}/commitments/${cid}`;
    return { kind: 'commune', actor, commitment, action: `${base}/reports`, back: base, previous: await ownReports(db, commune.id, cid, { kind: 'commune' }) };
  }
  app.get<StaffParams>('/plans/:id/commitments/:cid/reports', staff, async (request, reply) => {
    const t = await target(request);
    return showReportForm(request, reply, t, startingForm(t.previous, request.query.edit));
  });
  app.post<StaffParams>('/plans/:id/commitments/:cid/reports', staff, async (request, reply) => submitReport(request, reply, await target(request)));
}

/** Civil society's shadow assessments, on the commitments of published plans only. */
function shadowRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  async function target(request: FastifyRequest<CommitmentParams>): Promise<ReportTarget> {
    const { commune, actor } = authorized(request, 'accountability.reports.write_shadow');
    const commitment = await assessableCommitment(db, commune.id, request.params.cid);
    if (!commitment) throw new AppError('NOT_FOUND');
    const base = `/${commune.slug}/admin/shadow-assessments`;
    return { kind: 'civil_society', actor, commitment, action: `${base}/${commitment.id}`, back: base, previous: await ownReports(db, commune.id, commitment.id, { kind: 'civil_society', userId: actor.userId! }) };
  }
  app.get('/shadow-assessments', civilSocietyOnly, async (request, reply) => {
    const { commune } = authorized(request, 'accountability.reports.write_shadow');
    const commitments = await assessableCommitments(db, commune.id);
    return sendPage(request, reply, (ctx) => <AssessableListPage ctx={ctx} kind="shadow" commitments={commitments} />);
  });
  app.get<CommitmentParams>('/shadow-assessments/:cid', civilSocietyOnly, async (request, reply) => {
    const t = await target(request);
    // The organisation is usually the same from one assessment to the next.
    return showReportForm(request, reply, t, startingForm(t.previous, request.query.edit, { organisation: t.previous[0]?.organisation ?? '' }));
  });
  app.post<CommitmentParams>('/shadow-assessments/:cid', civilSocietyOnly, async (request, reply) => submitReport(request, reply, await target(request)));
}

const listOf = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The monitoring body's reviews. */
function reviewRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  async function target(request: FastifyRequest<CommitmentParams>) {
    const { commune, actor } = authorized(request, 'accountability.review.write');
    const commitment = await assessableCommitment(db, commune.id, request.params.cid);
    if (!commitment) throw new AppError('NOT_FOUND');
    const action = `/${commune.slug}/admin/commitment-reviews/${commitment.id}`;
    return { commune, actor, commitment, action, previous: await reviewsOf(db, commune.id, commitment.id) };
  }
  app.get('/commitment-reviews', monitorOnly, async (request, reply) => {
    const { commune } = authorized(request, 'accountability.review.write');
    const commitments = await assessableCommitments(db, commune.id);
    return sendPage(request, reply, (ctx) => <AssessableListPage ctx={ctx} kind="review" commitments={commitments} />);
  });
  app.get<CommitmentParams>('/commitment-reviews/:cid', monitorOnly, async (request, reply) => {
    const t = await target(request);
    const props = { commitment: t.commitment, action: t.action, form: { values: {}, errors: {} }, values: [], previous: t.previous };
    return sendPage(request, reply, (ctx) => <ReviewFormPage ctx={ctx} props={props} />);
  });
  app.post<CommitmentParams>('/commitment-reviews/:cid', monitorOnly, async (request, reply) => {
    const t = await target(request);
    const result = parseForm(reviewSchema, request.body);
    if (!result.ok) {
      const props = { commitment: t.commitment, action: t.action, form: result.form as FormState, values: listOf((request.body as Record<string, unknown> | undefined)?.ogp_values), previous: t.previous };
      return sendPage(request, reply, (ctx) => <ReviewFormPage ctx={ctx} props={props} />, 422);
    }
    await recordReview(db, t.actor, t.commitment.id, result.data);
    return redirectWithFlash(reply, `/${t.commune.slug}/admin/commitment-reviews`, 'accountability.review.saved');
  });
}

/** Progress reports (the commune's and civil society's) and the independent review, in the back-office. */
export function reportAdminRoutes(app: FastifyInstance): void {
  communeReportRoutes(app);
  shadowRoutes(app);
  reviewRoutes(app);
}
