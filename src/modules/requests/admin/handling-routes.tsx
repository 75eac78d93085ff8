import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { isLocale, pickLocalized } from '../../../platform/i18n/locales.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import { addMessage, changeComplaintStatus } from '../commands/complaint-commands.js';
import { addInternalNote, assignComplaint } from '../commands/handling-commands.js';
import { notifyReporter } from '../commands/notify-reporter.js';
import type { Request, State } from '../db/tables.js';
import { ensureRequestDefaults } from '../defaults.js';
import { requestsPolicy } from '../permissions.js';
import { dashboardFigures, listQueue, personLabel, queuePageSize, reporterDetails, staffMembers } from '../queries/queue-queries.js';
import { categoriesOf, eventsOf, findRequest, servicesOf, statesOf } from '../queries/request-queries.js';
import { phoneAttachments } from '../phone-media.js';
import { DashboardPage, type HandlingForms, HandlingPage, QueuePage } from './handling-views.js';
import { registerOnBehalfRoutes } from './on-behalf-routes.js';
import { isUuid } from '../../../platform/db/uuid.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };
const empty: FormState = { values: {}, errors: {} };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

const today = (commune: Commune, now = new Date()) => isoDate(now, commune.time_zone);
const policyResource = (target: Request) => ({ communeId: target.commune_id, assigneeId: target.assignee_id, sensitive: target.sensitive });

/** The request of the URL in this commune, if this officer may read it; one they may not read is "not found". */
async function readableRequest(request: FastifyRequest, id: string): Promise<Request> {
  const commune = communeOf(request);
  const target = isUuid(id) ? await findRequest(request.server.platform.db, commune.id, id) : undefined;
  // Procedure requests have their own pages, for the civil-status office only: here they do not exist.
  if (!target || target.kind === 'procedure' || !requestsPolicy.can(request.actor, 'request.read_private', policyResource(target))) throw new AppError('NOT_FOUND');
  return target;
}

/** A complaint this officer may act on (information requests have their own pages). */
async function handledComplaint(request: FastifyRequest, id: string): Promise<Request> {
  const target = await readableRequest(request, id);
  if (target.kind !== 'complaint') throw new AppError('NOT_FOUND');
  requestsPolicy.authorize(request.actor, 'request.handle', policyResource(target));
  return target;
}

const audit = (request: FastifyRequest, target: Request, action: string, details: Record<string, unknown> = {}) =>
  recordAudit(request.server.platform.db, { communeId: target.commune_id, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'request', resourceId: target.id, ip: request.ip, details });

const actorId = (request: FastifyRequest) => {
  if (!request.actor.user) throw new AppError('SIGN_IN_REQUIRED');
  return request.actor.user.id;
};

async function showHandling(request: FastifyRequest, reply: FastifyReply, target: Request, forms: Partial<HandlingForms> = {}, options: { conflict?: boolean; status?: number } = {}) {
  const { db } = request.server.platform;
  const commune = communeOf(request);
  const [categories, states, services, staffList, events, details, attachments] = await Promise.all([
    categoriesOf(db, commune.id, { activeOnly: false }),
    statesOf(db, commune.id),
    servicesOf(db, commune.id),
    staffMembers(db, commune.id),
    eventsOf(db, commune.id, target.id, 'staff'),
    reporterDetails(db, commune.id, target),
    phoneAttachments(db, commune.id, target.id),
  ]);
  const props = {
    request: target,
    category: categories.find((c) => c.id === target.category_id),
    states,
    services,
    staff: staffList,
    events,
    reporter: {
      name: target.reporter_name,
      phone: target.reporter_phone,
      email: target.reporter_email,
      account: details.account ? personLabel(details.account) : null,
      participant: details.participant?.full_name ?? null,
      recordedBy: details.recordedBy ? personLabel(details.recordedBy) : null,
    },
    today: today(commune),
    forms: { state: empty, assign: { values: { service: target.service_id ?? '', assignee: target.assignee_id ?? '' }, errors: {} }, message: empty, note: empty, ...forms },
    conflict: options.conflict ?? false,
    attachments,
  };
  return sendPage(request, reply, (ctx) => <HandlingPage ctx={ctx} props={props} />, options.status ?? 200);
}

const queueQuery = z.object({
  service: z.string().uuid().optional().catch(undefined),
  state: z.string().max(40).optional().catch(undefined),
  neighbourhood: z.string().max(100).optional().catch(undefined),
  category: z.string().max(40).optional().catch(undefined),
  overdue: z.literal('on').optional().catch(undefined),
  mine: z.literal('on').optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(1),
});

function registerQueue(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<{ Querystring: Record<string, string> }>('/requests', staff, async (request, reply) => {
    const commune = communeOf(request);
    await ensureRequestDefaults(db, commune.id);
    const query = queueQuery.parse(request.query);
    // An unknown category code matches nothing (rather than silently showing every category).
    const noCategory = '00000000-0000-0000-0000-000000000000';
    const [services, categories, states, neighbourhoods] = await Promise.all([servicesOf(db, commune.id), categoriesOf(db, commune.id, { activeOnly: false }), statesOf(db, commune.id), communeNeighbourhoods(db, commune.id)]);
    const page = query.page ?? 1;
    const filters = {
      serviceId: query.service,
      state: query.state,
      neighbourhood: query.neighbourhood || undefined,
      categoryId: query.category ? (categories.find((c) => c.code === query.category)?.id ?? noCategory) : undefined,
      overdueOnly: query.overdue === 'on',
      assignedToMe: query.mine === 'on',
    };
    const rows = await listQueue(db, request.actor, commune.id, filters, today(commune), page);
    const shownFilters = Object.fromEntries(Object.entries({ service: query.service, state: query.state, neighbourhood: query.neighbourhood, category: query.category, overdue: query.overdue, mine: query.mine }).filter((e): e is [string, string] => !!e[1]));
    const props = { rows: rows.slice(0, queuePageSize), hasMore: rows.length > queuePageSize, page, filters: shownFilters, services, categories, states, neighbourhoods, today: today(commune) };
    return sendPage(request, reply, (ctx) => <QueuePage ctx={ctx} props={props} />);
  });

  app.get('/requests/dashboard', staff, async (request, reply) => {
    const commune = communeOf(request);
    const now = new Date();
    const [figures, services] = await Promise.all([dashboardFigures(db, request.actor, commune, today(commune, now), now), servicesOf(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <DashboardPage ctx={ctx} props={{ figures, services }} />);
  });
}

const stateSchema = z.object({ state: z.string({ error: 'requests.handling.state.choose' }).min(1, 'requests.handling.state.choose').max(40), note: fields.optionalText(4000), seen_status: z.string().max(40).optional() });
const assignSchema = z.object({ service: z.string().max(40).optional(), assignee: z.string().max(40).optional() });
const messageSchema = z.object({ message: fields.requiredText(4000), visibility: z.enum(['public', 'private']).catch('public') });
const noteSchema = z.object({ internal_note: fields.requiredText(4000) });

/** The state's name in the language the reporter is written to (as notifyReporter chooses it). */
function stateNameFor(target: Request, commune: Commune, state: State): string {
  const locale = target.reporter_locale && isLocale(target.reporter_locale) ? target.reporter_locale : commune.default_locale;
  return pickLocalized(state.name, locale)?.value ?? state.code;
}

/** Checks the chosen state against the commune's: not "reopened" (the citizen's), and a rejection says why. */
function stateErrors(states: State[], chosen: string, note: string | undefined): Record<string, string> {
  const state = states.find((s) => s.code === chosen);
  if (!state || state.stage === 'reopened') return { state: 'requests.handling.state.choose' };
  if (state.stage === 'rejected' && !note) return { note: 'requests.handling.state.reason_required' };
  return {};
}

function registerStateChange(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<IdParams>('/requests/:id/state', staff, async (request, reply) => {
    const commune = communeOf(request);
    const target = await handledComplaint(request, request.params.id);
    const parsed = parseForm(stateSchema, request.body);
    if (!parsed.ok) return showHandling(request, reply, target, { state: parsed.form as FormState }, { status: 422 });
    const { state: code, note, seen_status: seen } = parsed.data;
    const states = await statesOf(db, commune.id);
    const errors = stateErrors(states, code, note);
    if (Object.keys(errors).length > 0) return showHandling(request, reply, target, { state: { values: { state: code, note: note ?? '' }, errors } }, { status: 422 });
    let updated: Request;
    try {
      // Acting on the state the officer saw: if someone changed it since, the command refuses (CONFLICT).
      updated = await changeComplaintStatus(db, { ...target, status: seen || target.status }, { stateCode: code, note: note ?? null, actorUserId: actorId(request) });
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'CONFLICT' && error.code !== 'VALIDATION_FAILED')) throw error;
      const form = { values: { state: code, note: note ?? '' }, errors: error.code === 'CONFLICT' ? {} : { state: 'requests.handling.state.choose' } };
      return showHandling(request, reply, target, { state: form }, { conflict: error.code === 'CONFLICT', status: error.code === 'CONFLICT' ? 409 : 422 });
    }
    await audit(request, target, 'request.status_changed', { from: target.status, to: code });
    await notifyReporter(app.platform, commune, updated, 'status', { status: stateNameFor(updated, commune, states.find((s) => s.code === code)!) });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/${target.id}`, 'requests.handling.state.done');
  });
}

function registerAssignment(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<IdParams>('/requests/:id/assign', staff, async (request, reply) => {
    const commune = communeOf(request);
    const target = await handledComplaint(request, request.params.id);
    const parsed = parseForm(assignSchema, request.body);
    const values = parsed.ok ? parsed.data : {};
    const [services, staffList] = await Promise.all([servicesOf(db, commune.id), staffMembers(db, commune.id)]);
    const service = values.service ? services.find((s) => s.id === values.service) : null;
    const assignee = values.assignee ? staffList.find((p) => p.id === values.assignee) : null;
    const errors: Record<string, string> = {};
    if (service === undefined) errors.service = 'requests.handling.assign.unknown';
    if (assignee === undefined) errors.assignee = 'requests.handling.assign.unknown';
    if (!parsed.ok || Object.keys(errors).length > 0) return showHandling(request, reply, target, { assign: { values: { service: values.service ?? '', assignee: values.assignee ?? '' }, errors } }, { status: 422 });
    await assignComplaint(db, target, {
      serviceId: service?.id ?? null,
      assigneeId: assignee?.id ?? null,
      actorUserId: actorId(request),
      serviceName: service ? (pickLocalized(service.name, commune.default_locale)?.value ?? null) : null,
      assigneeName: assignee ? personLabel(assignee) : null,
    });
    await audit(request, target, 'request.assigned', { serviceId: service?.id ?? null, assigneeId: assignee?.id ?? null });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/${target.id}`, 'requests.handling.assign.done');
  });
}

function registerMessages(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<IdParams>('/requests/:id/message', staff, async (request, reply) => {
    const commune = communeOf(request);
    const target = await handledComplaint(request, request.params.id);
    const parsed = parseForm(messageSchema, request.body);
    if (!parsed.ok) return showHandling(request, reply, target, { message: parsed.form as FormState }, { status: 422 });
    const isPublic = parsed.data.visibility === 'public';
    await addMessage(db, target, { author: 'commune', actorUserId: actorId(request), body: parsed.data.message, isPublic });
    await audit(request, target, 'request.message_sent', { public: isPublic });
    await notifyReporter(app.platform, commune, target, 'message');
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/${target.id}`, 'requests.handling.message.done');
  });

  app.post<IdParams>('/requests/:id/note', staff, async (request, reply) => {
    const commune = communeOf(request);
    const target = await handledComplaint(request, request.params.id);
    const parsed = parseForm(noteSchema, request.body);
    if (!parsed.ok) return showHandling(request, reply, target, { note: parsed.form as FormState }, { status: 422 });
    await addInternalNote(db, target, { actorUserId: actorId(request), body: parsed.data.internal_note });
    // Internal: the person who filed it is not told.
    await audit(request, target, 'request.note_added');
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/${target.id}`, 'requests.handling.note.done');
  });
}

/**
 * Staff side of complaints under /<commune>/admin/requests: queue, dashboard, the handling page with its actions,
 * and the mediators' filing on someone's behalf.
 */
export function registerHandlingRoutes(app: FastifyInstance): void {
  registerQueue(app);
  registerOnBehalfRoutes(app);
  app.get<IdParams>('/requests/:id', staff, async (request, reply) => {
    const target = await readableRequest(request, request.params.id);
    if (target.kind === 'information') return reply.redirect(`/${communeOf(request).slug}/admin/requests/information/${target.id}`, 303);
    return showHandling(request, reply, target);
  });
  registerStateChange(app);
  registerAssignment(app);
  registerMessages(app);
}
