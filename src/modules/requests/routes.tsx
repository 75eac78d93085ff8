import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commune } from '../../platform/db/platform-tables.js';
import { AppError } from '../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../platform/http/idempotency.js';
import type { ViewContext } from '../../platform/views/view-context.js';
import { redirectWithFlash, sendPage } from '../../platform/http/render.js';
import { isoDate } from '../../platform/i18n/format.js';
import { photoFingerprint, readMultipartForm } from '../../platform/storage/uploads.js';
import { communeNeighbourhoods } from '../commune/index.js';
import { addMessage, fileComplaint, reopenableUntil, reopenComplaint } from './commands/complaint-commands.js';
import { notifyReporter } from './commands/notify-reporter.js';
import { checkComplaint, storeComplaintPhoto } from './complaint-form.js';
import type { Request } from './db/tables.js';
import { ensureRequestDefaults } from './defaults.js';
import { requestsPolicy } from './permissions.js';
import { open311Routes } from './open311/routes.js';
import { categoriesOf, eventsOf, findByReference, listPublicRequests, publicListPageSize, statesOf, type TimelineAudience } from './queries/request-queries.js';
import { accessCodeMatches, normaliseReference } from './reference.js';
import { registerStaticScript } from '../../platform/http/static-script.js';
import { positionScript } from './views/position-script.js';
import { resumeOnReply } from './information/reply.js';
import { eventAsSeenBy, informationFactsOf, requestAsSeenBy } from './information/queries.js';
import { registerInformationRoutes } from './information/routes.js';
import { ComplaintFormPage, type ComplaintFormProps, FiledPage, LookupForm, RequestPage, RequestsHome } from './views/public-views.js';
import { Layout } from '../../platform/views/layout.js';
import { markRequestSeen } from './my-requests.js';
import { registerProcedureFiling } from './procedures/filing-routes.js';
import { registerProcedureFileRoute, showProcedureRequest } from './procedures/requester-routes.js';
import { resumeProcedureOnReply } from './procedures/handling.js';

const pub = { config: { access: 'public' as const } };
// Anyone may file without an account: a limit per person or address keeps one sender from flooding the queue.
const filing = { config: { access: 'public' as const, policy: 'open-filing' as const, rateLimit: { max: 10, timeWindow: '10 minutes', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip } } };
type RefParams = { Params: { reference: string }; Querystring: { code?: string } };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

const today = (commune: Commune) => isoDate(new Date(), commune.time_zone);

const isRequester = (request: FastifyRequest, target: Request, code: string | undefined) => (!!request.actor.user && request.actor.user.id === target.reporter_user_id) || accessCodeMatches(code, target.access_code_hash);

/** Who may read this request and how much: staff all, the person who filed it (account or code) all but notes. */
function audienceOf(request: FastifyRequest, target: Request, code: string | undefined): TimelineAudience | null {
  // A procedure request carries personal data: here only its requester reads it (the civil-status office has its own page).
  if (target.kind === 'procedure') return isRequester(request, target, code) ? 'reporter' : null;
  const resource = { communeId: target.commune_id, assigneeId: target.assignee_id, sensitive: target.sensitive };
  if (requestsPolicy.can(request.actor, 'request.read_private', resource)) return 'staff';
  if ((request.actor.user && request.actor.user.id === target.reporter_user_id) || accessCodeMatches(code, target.access_code_hash)) return 'reporter';
  return target.is_private ? null : 'public';
}

/** The request named in the URL as this person may read it; a private one is "not found" to others. */
async function readable(request: FastifyRequest, reference: string, code: string | undefined) {
  const commune = communeOf(request);
  const normalised = normaliseReference(reference);
  const target = normalised ? await findByReference(request.server.platform.db, commune.id, normalised) : undefined;
  const audience = target ? audienceOf(request, target, code) : null;
  if (!target || !audience) throw new AppError('NOT_FOUND');
  return { commune, target, audience };
}

async function showRequest(request: FastifyRequest, reply: FastifyReply, reference: string, code: string | undefined, replyForm: FormState = { values: {}, errors: {} }, status = 200) {
  const { db } = request.server.platform;
  const { commune, target, audience } = await readable(request, reference, code);
  // The person who filed it is reading its latest state: "my requests" stops marking it as changed.
  if (request.actor.user && request.actor.user.id === target.reporter_user_id) await markRequestSeen(db, request.actor.user.id, target);
  if (target.kind === 'procedure') return showProcedureRequest(request, reply, commune, target, code, replyForm, status);
  const [categories, states, events, information] = await Promise.all([categoriesOf(db, commune.id, { activeOnly: false }), statesOf(db, commune.id), eventsOf(db, commune.id, target.id, audience), target.kind === 'information' ? informationFactsOf(db, commune, target) : undefined]);
  const props = {
    // The public reads the redacted versions, when staff made one.
    request: requestAsSeenBy(target, audience),
    information,
    category: categories.find((c) => c.id === target.category_id),
    states,
    events: events.map((event) => eventAsSeenBy(event, audience)),
    today: today(commune),
    isReporter: audience === 'reporter',
    accessCode: audience === 'reporter' && code ? code : null,
    reopenUntil: reopenableUntil(target),
    canHandle: audience === 'staff',
    replyForm,
  };
  return sendPage(request, reply, (ctx) => <RequestPage ctx={ctx} props={props} />, status);
}

async function complaintFormProps(request: FastifyRequest, commune: Commune, form: FormState): Promise<ComplaintFormProps> {
  const { db, config } = request.server.platform;
  await ensureRequestDefaults(db, commune.id);
  const [categories, neighbourhoods] = await Promise.all([categoriesOf(db, commune.id, { activeOnly: true }), communeNeighbourhoods(db, commune.id)]);
  return { form, categories, neighbourhoods, signedIn: !!request.actor.user, maxUploadMegabytes: Math.round(config.uploadMaxBytes / 1024 / 1024) };
}

const listQuery = z.object({ category: z.string().max(40).optional(), neighbourhood: z.string().max(100).optional(), status: z.enum(['open', 'closed', '']).optional(), page: z.coerce.number().int().min(1).max(1000).optional().catch(1) });
const replySchema = z.object({ body: fields.requiredText(4000), code: fields.optionalText(40) });
const reopenSchema = z.object({ reason: fields.requiredText(4000), code: fields.optionalText(40) });

function registerComplaintFiling(app: FastifyInstance): void {
  app.get('/requests/new', pub, async (request, reply) => {
    const props = await complaintFormProps(request, communeOf(request), { values: {}, errors: {} });
    return sendPage(request, reply, (ctx) => <ComplaintFormPage ctx={ctx} props={props} />);
  });

  // Idempotent: a resend of the same form (flaky network, double tap) gets the first answer, one complaint stored.
  app.post('/requests/new', filing, async (request, reply) => {
    const commune = communeOf(request);
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    const props = await complaintFormProps(request, commune, { values: form.fields, errors: {} });
    const refusal = (state: FormState) => (ctx: ViewContext) => <ComplaintFormPage ctx={ctx} props={{ ...props, form: state }} />;
    const checked = checkComplaint(commune, props.categories, props.neighbourhoods, form);
    if (!checked.ok) return sendPage(request, reply, refusal(checked.form), 422);
    const payload = { ...form.fields, _photo: photoFingerprint(checked.photo) };
    return idempotent(request, reply, 'requests.complaint', async (tx) => {
      const photo = await storeComplaintPhoto(request, commune.id, checked.photo, tx);
      if ('error' in photo) return pageOutcome(request, refusal({ values: form.fields, errors: { photo: photo.error } }), 422);
      const user = request.actor.user;
      const { contact, ...input } = checked.input;
      const { request: filed, accessCode } = await fileComplaint(tx, commune, {
        ...input,
        photoFileId: photo.fileId,
        channel: 'web',
        reporter: { userId: user?.id ?? null, name: contact.name ?? user?.display_name ?? null, phone: contact.phone, email: contact.email, locale: request.locale },
      });
      const page = await pageOutcome(request, (ctx) => <FiledPage ctx={ctx} request={filed} accessCode={accessCode} />, 201);
      return { ...page, afterCommit: async () => void (await notifyReporter(app.platform, commune, filed, 'filed', { code: accessCode })) };
    }, { payload });
  });
}

function registerReporterActions(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<RefParams>('/requests/:reference/reply', filing, async (request, reply) => {
    const parsed = parseForm(replySchema, request.body);
    const code = (request.body as Record<string, string> | undefined)?.code;
    const { commune, target, audience } = await readable(request, request.params.reference, code);
    if (audience !== 'reporter') throw new AppError('FORBIDDEN');
    if (!parsed.ok) return showRequest(request, reply, request.params.reference, code, parsed.form, 422);
    await addMessage(db, target, { author: 'citizen', actorUserId: request.actor.user?.id ?? null, body: parsed.data.body, isPublic: false });
    await resumeOnReply(app.platform, commune, target, request.actor.user?.id ?? null);
    await resumeProcedureOnReply(app.platform, commune, target, request.actor.user?.id ?? null);
    return redirectWithFlash(reply, `/${commune.slug}/requests/${target.reference}${code ? `?code=${encodeURIComponent(code)}` : ''}`, 'requests.reply.sent');
  });

  app.post<RefParams>('/requests/:reference/reopen', filing, async (request, reply) => {
    const parsed = parseForm(reopenSchema, request.body);
    const code = (request.body as Record<string, string> | undefined)?.code;
    const { commune, target, audience } = await readable(request, request.params.reference, code);
    if (audience !== 'reporter') throw new AppError('FORBIDDEN');
    if (!parsed.ok) return showRequest(request, reply, request.params.reference, code, parsed.form, 422);
    await reopenComplaint(db, target, parsed.data.reason);
    return redirectWithFlash(reply, `/${commune.slug}/requests/${target.reference}${code ? `?code=${encodeURIComponent(code)}` : ''}`, 'requests.reopen.done');
  });
}

/** Public pages of citizen requests under /<commune>/requests: file, follow by reference, read the public ones. */
export async function requestsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get<{ Querystring: Record<string, string> }>('/requests', pub, async (request, reply) => {
    const commune = communeOf(request);
    await ensureRequestDefaults(db, commune.id);
    const query = listQuery.safeParse(request.query);
    const filters = query.success ? query.data : {};
    const page = (query.success ? query.data.page : 1) ?? 1;
    const [categories, states, neighbourhoods] = await Promise.all([categoriesOf(db, commune.id, { activeOnly: false }), statesOf(db, commune.id), communeNeighbourhoods(db, commune.id)]);
    const category = categories.find((c) => c.code === filters.category);
    const rows = await listPublicRequests(db, commune.id, { kind: 'complaint', categoryId: category?.id, neighbourhood: filters.neighbourhood || undefined, open: filters.status ? filters.status === 'open' : undefined }, page);
    const props = { categories, states, neighbourhoods, requests: rows.slice(0, publicListPageSize), filters: { category: filters.category, neighbourhood: filters.neighbourhood, status: filters.status }, page, hasMore: rows.length > publicListPageSize, today: today(commune) };
    return sendPage(request, reply, (ctx) => <RequestsHome ctx={ctx} props={props} />);
  });

  // Following needs no account: the reference alone opens a public request, with the code a private one too.
  app.get<{ Querystring: { reference?: string; code?: string } }>('/requests/follow', pub, async (request, reply) => {
    const commune = communeOf(request);
    const reference = normaliseReference(request.query.reference ?? '');
    const target = reference ? await findByReference(db, commune.id, reference) : undefined;
    const code = request.query.code?.trim();
    if (target && audienceOf(request, target, code)) return reply.redirect(`/${commune.slug}/requests/${target.reference}${code ? `?code=${encodeURIComponent(code)}` : ''}`, 303);
    const form = { values: { reference: request.query.reference ?? '', code: '' }, errors: { reference: 'requests.follow.not_found' } };
    return sendPage(request, reply, (ctx) => (
      <Layout ctx={ctx} title={ctx.t('requests.follow.title')}>
        <LookupForm ctx={ctx} form={form} />
      </Layout>
    ), 404);
  });

  registerStaticScript(app, positionScript);

  registerComplaintFiling(app);
  registerInformationRoutes(app);
  registerProcedureFiling(app);
  registerProcedureFileRoute(app);
  registerReporterActions(app);
  // Open311 GeoReport v2 for this commune's complaints, in its own scope (its own error format).
  await app.register(open311Routes, { prefix: '/open311/v2' });

  app.get<RefParams>('/requests/:reference', pub, async (request, reply) => showRequest(request, reply, request.params.reference, request.query.code));
}
