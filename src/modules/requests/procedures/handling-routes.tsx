import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import type { RouteAccess } from '../../../platform/permissions/route-access.js';
import { findProcedure, listProcedures } from '../../commune/index.js';
import { requestsPolicy } from '../permissions.js';
import { eventsOf } from '../queries/request-queries.js';
import { fieldsOf } from './fields.js';
import { moveProcedureRequest, notifyStage } from './handling.js';
import { ProcedureHandlingPage, ProcedureQueuePage } from './handling-views.js';
import { canMove, isProcedureStage, type ProcedureStage } from './stages.js';
import { type ProcedureRequest, procedureDb } from './tables.js';

const civilStatusOffice: RouteAccess = { communeRoles: ['civil_status', 'admin'] };
const office = { config: { access: civilStatusOffice } };
type IdParams = { Params: { id: string } };
const empty: FormState = { values: {}, errors: {} };

/** The commune of the URL, once the policy says this person handles its procedure requests. */
function authorizedCommune(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  requestsPolicy.authorize(request.actor, 'procedure.handle', { communeId: request.commune.id });
  return request.commune;
}

async function procedureRequest(request: FastifyRequest, commune: Commune, id: string): Promise<ProcedureRequest> {
  const target = isUuid(id) ? await procedureDb(request.server.platform.db).selectFrom('requests').selectAll().where('commune_id', '=', commune.id).where('id', '=', id).where('kind', '=', 'procedure').executeTakeFirst() : undefined;
  if (!target) throw new AppError('NOT_FOUND');
  return target;
}

const audit = (request: FastifyRequest, target: ProcedureRequest, action: string, details: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId: target.commune_id, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'request', resourceId: target.id, ip: request.ip, details: { reference: target.reference, ...details } });

/** Shows a request's personal data to the civil-status office; every such view is written to the audit log. */
async function showHandling(request: FastifyRequest, reply: FastifyReply, commune: Commune, target: ProcedureRequest, form = empty, status = 200) {
  const { db } = request.server.platform;
  const procedureId = target.procedure_id ?? '';
  const [procedure, fields, events] = await Promise.all([findProcedure(db, commune.id, procedureId), fieldsOf(db, commune.id, procedureId), eventsOf(db, commune.id, target.id, 'staff')]);
  await audit(request, target, 'request.personal_data_viewed', {});
  const props = { request: target, procedureTitle: procedure?.title ?? {}, fields, events, form };
  return sendPage(request, reply, (ctx) => <ProcedureHandlingPage ctx={ctx} props={props} />, status);
}

const text = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** Checks a move typed on the page; the stage rules and the stale-page conflict are the command's. */
function checkMove(body: unknown): { ok: true; to: ProcedureStage; from: string; reason: string | null } | { ok: false; form: FormState } {
  const to = text(body, 'to');
  const from = text(body, 'from');
  const reason = text(body, 'reason').trim();
  const values = { to, from, reason };
  if (!isProcedureStage(to)) return { ok: false, form: { values, errors: { to: 'core.form.invalid' } } };
  if (reason.length > 2000) return { ok: false, form: { values, errors: { reason: 'core.form.too_long' } } };
  if ((to === 'refused' || to === 'missing_information') && !reason) return { ok: false, form: { values, errors: { reason: 'requests.procedure.handling.reason_required' } } };
  return { ok: true, to, from, reason: reason || null };
}

/** The civil-status office handles procedure requests under /<commune>/admin/requests/procedures. */
export function registerProcedureHandlingRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<{ Querystring: Record<string, string | undefined> }>('/requests/procedures', office, async (request, reply) => {
    const commune = authorizedCommune(request);
    const procedures = await listProcedures(db, commune.id);
    const filters = { procedure: procedures.some((p) => p.id === request.query.procedure) ? request.query.procedure! : '', stage: isProcedureStage(request.query.stage ?? '') ? request.query.stage! : '' };
    let query = procedureDb(db).selectFrom('requests').select(['id', 'reference', 'stage', 'submitted_on', 'channel', 'procedure_id', 'is_open']).where('commune_id', '=', commune.id).where('kind', '=', 'procedure');
    if (filters.procedure) query = query.where('procedure_id', '=', filters.procedure);
    if (filters.stage) query = query.where('stage', '=', filters.stage);
    const found = await query.orderBy('is_open', 'desc').orderBy('created_at').orderBy('id').limit(200).execute();
    const rows = found.map((row) => ({ ...row, procedure_title: procedures.find((p) => p.id === row.procedure_id)?.title ?? {} }));
    return sendPage(request, reply, (ctx) => <ProcedureQueuePage ctx={ctx} props={{ rows, procedures, filters }} />);
  });

  app.get<IdParams>('/requests/procedures/:id', office, async (request, reply) => {
    const commune = authorizedCommune(request);
    return showHandling(request, reply, commune, await procedureRequest(request, commune, request.params.id));
  });

  app.post<IdParams>('/requests/procedures/:id/stage', office, async (request, reply) => {
    const commune = authorizedCommune(request);
    const target = await procedureRequest(request, commune, request.params.id);
    const move = checkMove(request.body);
    if (!move.ok) return showHandling(request, reply, commune, target, move.form, 422);
    if (move.from === target.stage && !canMove(target.stage, move.to)) return showHandling(request, reply, commune, target, { values: { to: move.to, from: move.from, reason: move.reason ?? '' }, errors: { to: 'requests.procedure.handling.not_allowed' } }, 422);
    const moved = await moveProcedureRequest(db, target, { to: move.to, from: move.from, reason: move.reason, author: 'commune', actorUserId: request.actor.user?.id ?? null });
    await audit(request, moved, 'request.procedure.stage_changed', { from: move.from, to: move.to });
    await notifyStage(app.platform, commune, moved);
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/procedures/${moved.id}`, 'requests.procedure.handling.moved');
  });
}
