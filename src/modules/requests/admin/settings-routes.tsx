import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentCommune, formValues, isUuid } from '../../../platform/administration/admin-support.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { adminOnly } from '../../../platform/permissions/route-access.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import {
  addState,
  categoryUsage,
  categoryValues,
  checkCategory,
  checkNewState,
  checkRouting,
  checkService,
  checkStateName,
  checkStateOrder,
  createCategory,
  createService,
  deleteCategory,
  deleteService,
  deleteState,
  designatableStaff,
  findCategory,
  findService,
  findState,
  localizedValues,
  replaceRoutes,
  renameState,
  reorderStates,
  routingValues,
  serviceValues,
  stateUsage,
  unlessCodeTaken,
  updateCategory,
  updateService,
} from '../commands/settings-commands.js';
import type { Category, Service, State } from '../db/tables.js';
import { ensureRequestDefaults } from '../defaults.js';
import { requestsPolicy } from '../permissions.js';
import { categoriesOf, servicesOf, statesOf } from '../queries/request-queries.js';
import { scoped } from '../queries/requests-db.js';
import { RoutingPage } from './routing-views.js';
import { CategoriesPage, CategoryFormPage, ServiceFormPage, ServicesPage, SettingsIndexPage, type SettingsNotice } from './settings-views.js';
import { StateFormPage, StatesPage } from './state-views.js';

const admins = { config: { access: adminOnly } };
type IdParams = { Params: { id: string } };
const blank: FormState = { values: {}, errors: {} };

/** Only the commune's administrators (and platform administrators) change how complaints work. */
async function configure(request: FastifyRequest): Promise<Commune> {
  const commune = currentCommune(request);
  requestsPolicy.authorize(request.actor, 'requests.configure', { communeId: commune.id });
  // A commune created after the seed gets its default states and categories before editing them.
  await ensureRequestDefaults(request.server.platform.db, commune.id);
  return commune;
}

/** An edit page's delete button posts to the same address with intent=delete (one address per row to guard). */
const wantsDelete = (request: FastifyRequest) => formValues(request).intent === 'delete';

const settingsUrl = (commune: Commune, section: string) => `/${commune.slug}/admin/requests/settings/${section}`;

function audit(request: FastifyRequest, commune: Commune, action: string, resourceType: string, resourceId: string | null, details: Record<string, unknown> = {}) {
  return recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action, resourceType, resourceId, ip: request.ip, details });
}

const finders = { category: findCategory, service: findService, state: findState };

/** A row of this commune by the id in the URL; another commune's id, or no id at all, is "not found". */
async function rowOr404<K extends keyof typeof finders>(request: FastifyRequest, commune: Commune, kind: K, id: string): Promise<NonNullable<Awaited<ReturnType<(typeof finders)[K]>>>> {
  const row = isUuid(id) ? await finders[kind](request.server.platform.db, commune.id, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row as NonNullable<Awaited<ReturnType<(typeof finders)[K]>>>;
}

// ── Categories ────────────────────────────────────────────────────────────────────────────────────────────

async function categoryContext(request: FastifyRequest, commune: Commune, category: Category | null) {
  const { db } = request.server.platform;
  const [services, designatable, categories, usage] = await Promise.all([servicesOf(db, commune.id), designatableStaff(db, commune.id), categoriesOf(db, commune.id, { activeOnly: false }), category ? categoryUsage(db, commune.id, category.id) : 0]);
  return { services, designatable, usage, takenCodes: categories.filter((c) => c.id !== category?.id).map((c) => c.code) };
}

async function showCategory(request: FastifyRequest, reply: FastifyReply, commune: Commune, category: Category | null, form?: FormState, status = 200, notice: SettingsNotice = null) {
  const { services, designatable, usage } = await categoryContext(request, commune, category);
  const props = { category, usage, services, designatable, notice, form: form ?? { values: category ? categoryValues(category) : { active: 'on', response_days: '10' }, errors: {} } };
  return sendPage(request, reply, (ctx) => <CategoryFormPage ctx={ctx} props={props} />, status);
}

/** Checks and saves a new or edited category; re-renders the form with what was typed when it is wrong. */
async function saveCategory(request: FastifyRequest, reply: FastifyReply, commune: Commune, category: Category | null) {
  const { db } = request.server.platform;
  const values = formValues(request);
  const context = await categoryContext(request, commune, category);
  const result = checkCategory(values, { ...context, defaultLocale: commune.default_locale, existing: category ? { code: category.code, used: context.usage > 0 } : null });
  if (!result.ok) return showCategory(request, reply, commune, category, { values, errors: result.errors }, 422);
  const saved = await unlessCodeTaken(() => (category ? updateCategory(db, commune.id, category.id, result.data) : createCategory(db, commune.id, result.data)));
  if (saved === 'code_taken') return showCategory(request, reply, commune, category, { values, errors: { code: 'requests.settings.error.code_taken' } }, 422);
  await audit(request, commune, category ? 'request_category.updated' : 'request_category.created', 'request_category', saved.id, { code: saved.code, active: saved.active, sensitive: saved.sensitive });
  return redirectWithFlash(reply, settingsUrl(commune, 'categories'), 'requests.settings.categories.saved');
}

function registerCategories(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/requests/settings/categories', admins, async (request, reply) => {
    const commune = await configure(request);
    const [categories, services] = await Promise.all([categoriesOf(db, commune.id, { activeOnly: false }), servicesOf(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <CategoriesPage ctx={ctx} categories={categories} services={services} />);
  });
  app.get('/requests/settings/categories/new', admins, async (request, reply) => showCategory(request, reply, await configure(request), null));
  app.post('/requests/settings/categories', admins, async (request, reply) => saveCategory(request, reply, await configure(request), null));
  app.get<IdParams>('/requests/settings/categories/:id', admins, async (request, reply) => {
    const commune = await configure(request);
    return showCategory(request, reply, commune, await rowOr404(request, commune, 'category', request.params.id));
  });
  app.post<IdParams>('/requests/settings/categories/:id', admins, async (request, reply) => {
    const commune = await configure(request);
    const category = await rowOr404(request, commune, 'category', request.params.id);
    return wantsDelete(request) ? removeCategory(request, reply, commune, category) : saveCategory(request, reply, commune, category);
  });
}

async function removeCategory(request: FastifyRequest, reply: FastifyReply, commune: Commune, category: Category) {
  // Complaints keep their category: a used one is deactivated instead, so its history still reads.
  if ((await deleteCategory(request.server.platform.db, commune.id, category.id)) === 'in_use') return showCategory(request, reply, commune, category, undefined, 409, { key: 'requests.settings.categories.in_use' });
  await audit(request, commune, 'request_category.deleted', 'request_category', category.id, { code: category.code });
  return redirectWithFlash(reply, settingsUrl(commune, 'categories'), 'requests.settings.categories.deleted');
}

// ── Services ──────────────────────────────────────────────────────────────────────────────────────────────

function showService(request: FastifyRequest, reply: FastifyReply, service: Service | null, form?: FormState, status = 200, notice: SettingsNotice = null) {
  const props = { service, notice, form: form ?? { values: service ? serviceValues(service) : {}, errors: {} } };
  return sendPage(request, reply, (ctx) => <ServiceFormPage ctx={ctx} props={props} />, status);
}

async function saveService(request: FastifyRequest, reply: FastifyReply, commune: Commune, service: Service | null) {
  const { db } = request.server.platform;
  const values = formValues(request);
  const result = checkService(values, commune.default_locale);
  if (!result.ok) return showService(request, reply, service, { values, errors: result.errors }, 422);
  const saved = service ? await updateService(db, commune.id, service.id, result.data) : await createService(db, commune.id, result.data);
  await audit(request, commune, service ? 'request_service.updated' : 'request_service.created', 'request_service', saved.id);
  return redirectWithFlash(reply, settingsUrl(commune, 'services'), 'requests.settings.services.saved');
}

function registerServices(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/requests/settings/services', admins, async (request, reply) => {
    const services = await servicesOf(db, (await configure(request)).id);
    return sendPage(request, reply, (ctx) => <ServicesPage ctx={ctx} services={services} />);
  });
  app.get('/requests/settings/services/new', admins, async (request, reply) => {
    await configure(request);
    return showService(request, reply, null);
  });
  app.post('/requests/settings/services', admins, async (request, reply) => saveService(request, reply, await configure(request), null));
  app.get<IdParams>('/requests/settings/services/:id', admins, async (request, reply) => {
    const commune = await configure(request);
    return showService(request, reply, await rowOr404(request, commune, 'service', request.params.id));
  });
  app.post<IdParams>('/requests/settings/services/:id', admins, async (request, reply) => {
    const commune = await configure(request);
    const service = await rowOr404(request, commune, 'service', request.params.id);
    return wantsDelete(request) ? removeService(request, reply, commune, service) : saveService(request, reply, commune, service);
  });
}

async function removeService(request: FastifyRequest, reply: FastifyReply, commune: Commune, service: Service) {
  const outcome = await deleteService(request.server.platform.db, commune.id, service.id);
  if (outcome !== 'deleted') return showService(request, reply, service, undefined, 409, { key: 'requests.settings.services.in_use', params: outcome });
  await audit(request, commune, 'request_service.deleted', 'request_service', service.id);
  return redirectWithFlash(reply, settingsUrl(commune, 'services'), 'requests.settings.services.deleted');
}

// ── Routing matrix ───────────────────────────────────────────────────────────────────────────────────────

async function routingContext(request: FastifyRequest, commune: Commune) {
  const { db } = request.server.platform;
  const [categories, neighbourhoods, services] = await Promise.all([categoriesOf(db, commune.id, { activeOnly: false }), communeNeighbourhoods(db, commune.id), servicesOf(db, commune.id)]);
  return { categories, neighbourhoods, services };
}

function registerRouting(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/requests/settings/routing', admins, async (request, reply) => {
    const commune = await configure(request);
    const context = await routingContext(request, commune);
    const routes = await scoped(db, commune.id).selectFrom('request_routes').select(['category_id', 'neighbourhood', 'service_id']).execute();
    const props = { ...context, form: { values: routingValues(routes), errors: {} } };
    return sendPage(request, reply, (ctx) => <RoutingPage ctx={ctx} props={props} />);
  });
  app.post('/requests/settings/routing', admins, async (request, reply) => {
    const commune = await configure(request);
    const context = await routingContext(request, commune);
    const values = formValues(request);
    const result = checkRouting(values, context.categories, context.neighbourhoods, context.services);
    if (!result.ok) return sendPage(request, reply, (ctx) => <RoutingPage ctx={ctx} props={{ ...context, form: { values, errors: result.errors } }} />, 422);
    await replaceRoutes(db, commune.id, result.data);
    await audit(request, commune, 'request_routes.replaced', 'request_route', null, { routes: result.data.map((r) => ({ category: r.categoryId, neighbourhood: r.neighbourhood, service: r.serviceId })) });
    return redirectWithFlash(reply, settingsUrl(commune, 'routing'), 'requests.settings.routing.saved');
  });
}

// ── States ────────────────────────────────────────────────────────────────────────────────────────────────

async function showStates(request: FastifyRequest, reply: FastifyReply, commune: Commune, forms: { orderForm?: FormState; addForm?: FormState } = {}, status = 200) {
  const states = await statesOf(request.server.platform.db, commune.id);
  const props = { states, orderForm: forms.orderForm ?? blank, addForm: forms.addForm ?? blank };
  return sendPage(request, reply, (ctx) => <StatesPage ctx={ctx} props={props} />, status);
}

async function showState(request: FastifyRequest, reply: FastifyReply, commune: Commune, state: State, form?: FormState, status = 200, notice: SettingsNotice = null) {
  const usage = await stateUsage(request.server.platform.db, commune.id, state.code);
  const props = { state, usage, notice, form: form ?? { values: localizedValues('name', state.name), errors: {} } };
  return sendPage(request, reply, (ctx) => <StateFormPage ctx={ctx} props={props} />, status);
}

const stateRefusals = { in_use: 'requests.settings.states.in_use', last_of_stage: 'requests.settings.states.last_of_stage' } as const;

function registerStateEdits(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<IdParams>('/requests/settings/states/:id', admins, async (request, reply) => {
    const commune = await configure(request);
    return showState(request, reply, commune, await rowOr404(request, commune, 'state', request.params.id));
  });
  app.post<IdParams>('/requests/settings/states/:id', admins, async (request, reply) => {
    const commune = await configure(request);
    const state = await rowOr404(request, commune, 'state', request.params.id);
    if (wantsDelete(request)) return removeState(request, reply, commune, state);
    const values = formValues(request);
    const result = checkStateName(values, commune.default_locale);
    if (!result.ok) return showState(request, reply, commune, state, { values, errors: result.errors }, 422);
    await renameState(db, commune.id, state.id, result.data);
    await audit(request, commune, 'request_state.renamed', 'request_state', state.id, { code: state.code });
    return redirectWithFlash(reply, settingsUrl(commune, 'states'), 'requests.settings.states.renamed');
  });
}

async function removeState(request: FastifyRequest, reply: FastifyReply, commune: Commune, state: State) {
  const outcome = await deleteState(request.server.platform.db, commune.id, state);
  if (outcome !== 'deleted') return showState(request, reply, commune, state, undefined, 409, { key: stateRefusals[outcome] });
  await audit(request, commune, 'request_state.deleted', 'request_state', state.id, { code: state.code, stage: state.stage });
  return redirectWithFlash(reply, settingsUrl(commune, 'states'), 'requests.settings.states.deleted');
}

function registerStates(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/requests/settings/states', admins, async (request, reply) => showStates(request, reply, await configure(request)));
  app.post('/requests/settings/states', admins, async (request, reply) => {
    const commune = await configure(request);
    const values = formValues(request);
    const states = await statesOf(db, commune.id);
    const result = checkNewState(values, commune.default_locale, states.map((s) => s.code));
    if (!result.ok) return showStates(request, reply, commune, { addForm: { values, errors: result.errors } }, 422);
    const state = await unlessCodeTaken(() => addState(db, commune.id, result.data));
    if (state === 'code_taken') return showStates(request, reply, commune, { addForm: { values, errors: { code: 'requests.settings.error.code_taken' } } }, 422);
    await audit(request, commune, 'request_state.created', 'request_state', state.id, { code: state.code, stage: state.stage, open311: state.open311_status });
    return redirectWithFlash(reply, settingsUrl(commune, 'states'), 'requests.settings.states.added');
  });
  app.post('/requests/settings/states/order', admins, async (request, reply) => {
    const commune = await configure(request);
    const values = formValues(request);
    const result = checkStateOrder(values, await statesOf(db, commune.id));
    if (!result.ok) return showStates(request, reply, commune, { orderForm: { values, errors: result.errors } }, 422);
    await reorderStates(db, commune.id, result.data);
    await audit(request, commune, 'request_states.reordered', 'request_state', null, { order: result.data });
    return redirectWithFlash(reply, settingsUrl(commune, 'states'), 'requests.settings.states.reordered');
  });
  registerStateEdits(app);
}

/** The administrator's settings of complaints under /<commune>/admin/requests/settings/…: categories, services, routing, states. */
export function registerRequestsSettingsRoutes(app: FastifyInstance): void {
  app.get('/requests/settings', admins, async (request, reply) => {
    await configure(request);
    return sendPage(request, reply, (ctx) => <SettingsIndexPage ctx={ctx} />);
  });
  registerCategories(app);
  registerServices(app);
  registerRouting(app);
  registerStates(app);
}
