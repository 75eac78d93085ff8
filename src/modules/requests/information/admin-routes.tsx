import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordReleasedInformation } from './release-record.js';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { isLocale } from '../../../platform/i18n/locales.js';
import { adminOnly, staffOnly } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { notifyReporter } from '../commands/notify-reporter.js';
import type { InformationRequest } from '../db/information-tables.js';
import { requestsPolicy } from '../permissions.js';
import { addClosure, closuresOf, deleteClosure } from './closures.js';
import { acknowledge, answer, askClarification, extend, markAppealed, redactDescription, redactEvent, refuse, resumeClock } from './commands.js';
import { lawOf } from './deadline.js';
import { findInformationRequest, informationEventsOf, informationFactsOf, informationQueue } from './queries.js';
import { communeToday, statusQuery } from './routes.js';
import { informationStatusKeys, type InformationStatus } from './statuses.js';
import { ClosuresPage, documentSlots, HandlePage, QueuePage } from './views/admin.js';

const staff = { config: { access: staffOnly } };
const admins = { config: { access: adminOnly } };
type IdParams = { Params: { id: string } };
const empty: FormState = { values: {}, errors: {} };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** An ATI request of this commune that this person may handle; another commune's is "not found". */
async function handled(request: FastifyRequest, id: string) {
  const commune = communeOf(request);
  const target = await findInformationRequest(request.server.platform.db, commune.id, id);
  if (!target) throw new AppError('NOT_FOUND');
  requestsPolicy.authorize(request.actor, 'request.handle', { communeId: commune.id, assigneeId: target.assignee_id, sensitive: target.sensitive });
  return { commune, target };
}

async function showHandlePage(request: FastifyRequest, reply: FastifyReply, commune: Commune, target: InformationRequest, form: FormState = empty, status = 200) {
  const { db, config } = request.server.platform;
  const [events, facts] = await Promise.all([informationEventsOf(db, commune.id, target.id), informationFactsOf(db, commune, target)]);
  const props = { request: target, events, facts, reporterHasAccount: !!target.reporter_user_id, today: communeToday(commune), form, maxUploadMegabytes: Math.round(config.uploadMaxBytes / 1024 / 1024) };
  return sendPage(request, reply, (ctx) => <HandlePage ctx={ctx} props={props} />, status);
}

/** The status name in the language the requester reads their news in. */
function statusInReporterLocale(services: PlatformServices, commune: Commune, request: InformationRequest): string {
  const locale = request.reporter_locale && isLocale(request.reporter_locale) ? request.reporter_locale : commune.default_locale;
  return services.messages.translator(locale)(informationStatusKeys[request.status as InformationStatus]);
}

/** Every staff action ends the same way: audited, the requester told, back to the page with a message. */
async function done(request: FastifyRequest, reply: FastifyReply, commune: Commune, updated: InformationRequest, action: string, details: Record<string, unknown> = {}) {
  const services = request.server.platform;
  await recordAudit(services.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, ip: request.ip, action: `request.information.${action}`, resourceType: 'request', resourceId: updated.id, details: { status: updated.status, ...details } });
  await notifyReporter(services, commune, updated, 'status', { status: statusInReporterLocale(services, commune, updated) });
  return redirectWithFlash(reply, `/${commune.slug}/admin/requests/information/${updated.id}`, 'requests.information.admin.saved');
}

const expectedSchema = z.object({ expected: z.string().min(1).max(40) });
const messageSchema = expectedSchema.extend({ message: fields.requiredText(4000) });
const extendSchema = expectedSchema.extend({ days: z.coerce.number({ error: 'core.form.required' }).int('requests.information.error.extension_days').min(1, 'requests.information.error.extension_days'), reason: fields.requiredText(2000) });
const refuseSchema = expectedSchema.extend({ ground: z.string({ error: 'requests.information.error.ground' }).min(1, 'requests.information.error.ground'), explanation: fields.requiredText(4000) });
const answerSchema = expectedSchema.extend({ scope: z.enum(['full', 'part']).catch('full'), message: fields.requiredText(4000), withheld: fields.checkbox() });
const redactSchema = z.object({ event: z.string().uuid(), public_body: fields.optionalText(8000), withheld: fields.checkbox() });
const descriptionSchema = z.object({ public_description: fields.optionalText(4000) });
const closureSchema = z.object({ starts_on: fields.isoDate(), ends_on: fields.isoDate(), reason: fields.requiredText(300) }).refine((v) => v.ends_on >= v.starts_on, { path: ['ends_on'], message: 'requests.information.error.closure_dates' });

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;
const refused = (body: Record<string, string>, action: string, errors: Record<string, string>): FormState => ({ values: { ...body, _action: action }, errors });

/** Stores each chosen document (PDF or image); says which slot was refused, before the answer is recorded. */
async function storeDocuments(request: FastifyRequest, communeId: string, form: MultipartForm): Promise<{ fileIds: string[] } | { errors: Record<string, string> }> {
  const tooLarge = (form.oversized ?? []).filter((name) => name.startsWith('document_'));
  if (tooLarge.length > 0) return { errors: Object.fromEntries(tooLarge.map((name) => [name, 'requests.information.error.document_too_large'])) };
  const fileIds: string[] = [];
  for (const slot of documentSlots) {
    const file = form.files[`document_${slot}`];
    if (!file) continue;
    try {
      fileIds.push((await storeUpload(request, file, { communeId, accept: ['pdf', 'image'] })).id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE') return { errors: { [`document_${slot}`]: 'requests.information.error.document_type' } };
      throw error;
    }
  }
  return { fileIds };
}

function registerSimpleActions(app: FastifyInstance): void {
  const { db } = app.platform;
  const base = '/requests/information/:id';
  const actor = (request: FastifyRequest, expected: string) => ({ actorUserId: request.actor.user?.id ?? null, expected });

  app.post<IdParams>(`${base}/acknowledge`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(expectedSchema, request.body);
    if (!parsed.ok) throw new AppError('BAD_REQUEST');
    return done(request, reply, commune, await acknowledge(db, commune, target, actor(request, parsed.data.expected)), 'acknowledged');
  });

  app.post<IdParams>(`${base}/clarify`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(messageSchema, request.body);
    if (!parsed.ok) return showHandlePage(request, reply, commune, target, refused(bodyOf(request), 'clarify', parsed.form.errors as Record<string, string>), 422);
    return done(request, reply, commune, await askClarification(db, commune, target, { ...actor(request, parsed.data.expected), message: parsed.data.message }), 'clarification_requested');
  });

  app.post<IdParams>(`${base}/resume`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(expectedSchema, request.body);
    if (!parsed.ok) throw new AppError('BAD_REQUEST');
    return done(request, reply, commune, await resumeClock(db, commune, target, { ...actor(request, parsed.data.expected), author: 'commune' }), 'clarification_received');
  });

  app.post<IdParams>(`${base}/extend`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(extendSchema, request.body);
    const max = lawOf(target, commune).extensionWorkingDays;
    const errors = parsed.ok ? (parsed.data.days > max ? { days: 'requests.information.error.extension_days' } : {}) : (parsed.form.errors as Record<string, string>);
    if (!parsed.ok || Object.keys(errors).length > 0) return showHandlePage(request, reply, commune, target, refused(bodyOf(request), 'extend', errors), 422);
    const updated = await extend(db, commune, target, { ...actor(request, parsed.data.expected), days: parsed.data.days, reason: parsed.data.reason });
    return done(request, reply, commune, updated, 'extended', { days: parsed.data.days, due_on: updated.due_on });
  });

  app.post<IdParams>(`${base}/refuse`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(refuseSchema, request.body);
    const known = parsed.ok && lawOf(target, commune).refusalGrounds.some((g) => g.code === parsed.data.ground);
    const errors = parsed.ok ? (known ? {} : { ground: 'requests.information.error.ground' }) : (parsed.form.errors as Record<string, string>);
    if (!parsed.ok || !known) return showHandlePage(request, reply, commune, target, refused(bodyOf(request), 'refuse', errors), 422);
    return done(request, reply, commune, await refuse(db, commune, target, { ...actor(request, parsed.data.expected), ground: parsed.data.ground, explanation: parsed.data.explanation }), 'refused', { ground: parsed.data.ground });
  });

  app.post<IdParams>(`${base}/appeal`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(expectedSchema, request.body);
    if (!parsed.ok) throw new AppError('BAD_REQUEST');
    return done(request, reply, commune, await markAppealed(db, commune, target, actor(request, parsed.data.expected)), 'appealed');
  });
}

function registerAnswerAndRedaction(app: FastifyInstance): void {
  const { db } = app.platform;
  const base = '/requests/information/:id';

  app.post<IdParams>(`${base}/answer`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    const parsed = parseForm(answerSchema, form.fields);
    if (!parsed.ok) return showHandlePage(request, reply, commune, target, refused(form.fields, 'answer', parsed.form.errors as Record<string, string>), 422);
    const stored = await storeDocuments(request, commune.id, form);
    if ('errors' in stored) return showHandlePage(request, reply, commune, target, refused(form.fields, 'answer', stored.errors), 422);
    const updated = await answer(db, commune, target, {
      actorUserId: request.actor.user?.id ?? null,
      expected: parsed.data.expected,
      full: parsed.data.scope === 'full',
      message: parsed.data.message,
      documents: stored.fileIds.map((fileId) => ({ fileId, withheld: parsed.data.withheld })),
    });
    await recordReleasedInformation(db, app.platform.config, commune.id);
    return done(request, reply, commune, updated, 'answered', { documents: stored.fileIds.length, withheld: parsed.data.withheld });
  });

  app.post<IdParams>(`${base}/redact`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    const parsed = parseForm(redactSchema, form.fields);
    if (!parsed.ok) throw new AppError('BAD_REQUEST');
    const redactedFile = form.files.redacted_file;
    let publicFileId: string | null = null;
    try {
      if (form.oversized?.includes('redacted_file')) throw new AppError('PAYLOAD_TOO_LARGE');
      if (redactedFile) publicFileId = (await storeUpload(request, redactedFile, { communeId: commune.id, accept: ['pdf', 'image'] })).id;
    } catch (error) {
      if (!(error instanceof AppError) || !['UNSUPPORTED_FILE_TYPE', 'PAYLOAD_TOO_LARGE'].includes(error.code)) throw error;
      const key = error.code === 'PAYLOAD_TOO_LARGE' ? 'requests.information.error.document_too_large' : 'requests.information.error.document_type';
      return showHandlePage(request, reply, commune, target, refused(form.fields, 'redact', { redacted_file: key }), 422);
    }
    await redactEvent(db, target, parsed.data.event, { publicBody: parsed.data.public_body ?? null, publicFileId, withheld: parsed.data.withheld });
    await recordReleasedInformation(db, app.platform.config, commune.id);
    await recordAudit(db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, ip: request.ip, action: 'request.information.redacted', resourceType: 'request', resourceId: target.id, details: { event_id: parsed.data.event, public_text: !!parsed.data.public_body, public_file: !!publicFileId, withheld: parsed.data.withheld } });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/information/${target.id}`, 'requests.information.admin.saved');
  });

  app.post<IdParams>(`${base}/redact-description`, staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    const parsed = parseForm(descriptionSchema, request.body);
    if (!parsed.ok) return showHandlePage(request, reply, commune, target, refused(bodyOf(request), 'redact-description', parsed.form.errors as Record<string, string>), 422);
    await redactDescription(db, target, parsed.data.public_description ?? null);
    await recordAudit(db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, ip: request.ip, action: 'request.information.description_redacted', resourceType: 'request', resourceId: target.id, details: { redacted: !!parsed.data.public_description } });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/information/${target.id}`, 'requests.information.admin.saved');
  });
}

function registerClosures(app: FastifyInstance): void {
  const { db } = app.platform;
  const configure = (request: FastifyRequest) => {
    const commune = communeOf(request);
    requestsPolicy.authorize(request.actor, 'requests.configure', { communeId: commune.id });
    return commune;
  };
  const page = async (request: FastifyRequest, reply: FastifyReply, commune: Commune, form: FormState, status = 200) => {
    const closures = await closuresOf(db, commune.id);
    return sendPage(request, reply, (ctx) => <ClosuresPage ctx={ctx} closures={closures} form={form} />, status);
  };
  const who = (request: FastifyRequest) => ({ actorUserId: request.actor.user?.id ?? null, ip: request.ip });

  app.get('/requests/closures', admins, async (request, reply) => page(request, reply, configure(request), empty));

  app.post('/requests/closures', admins, async (request, reply) => {
    const commune = configure(request);
    const parsed = parseForm(closureSchema, request.body);
    if (!parsed.ok) return page(request, reply, commune, parsed.form as FormState, 422);
    await addClosure(db, commune, { startsOn: parsed.data.starts_on, endsOn: parsed.data.ends_on, reason: parsed.data.reason }, who(request));
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/closures`, 'requests.information.closures.saved');
  });

  app.post<{ Params: { closureId: string } }>('/requests/closures/:closureId/delete', admins, async (request, reply) => {
    const commune = configure(request);
    await deleteClosure(db, commune, request.params.closureId, who(request));
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/closures`, 'requests.information.closures.saved');
  });
}

/** Back-office of access-to-information requests (/<commune>/admin/requests/information…) and the commune's closures. */
export function registerInformationAdminRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get('/requests/information', staff, async (request, reply) => {
    const commune = communeOf(request);
    requestsPolicy.authorize(request.actor, 'request.handle', { communeId: commune.id, assigneeId: null, sensitive: false });
    const query = statusQuery.parse(request.query ?? {});
    const today = communeToday(commune);
    const rows = await informationQueue(db, commune.id, { status: query.status, today });
    return sendPage(request, reply, (ctx) => <QueuePage ctx={ctx} rows={rows} status={query.status} today={today} />);
  });

  app.get<IdParams>('/requests/information/:id', staff, async (request, reply) => {
    const { commune, target } = await handled(request, request.params.id);
    return showHandlePage(request, reply, commune, target);
  });

  registerSimpleActions(app);
  registerAnswerAndRedaction(app);
  registerClosures(app);
}
