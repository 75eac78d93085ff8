import { type Kysely, sql } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type Locale, type LocalizedText, locales } from '../../../platform/i18n/locales.js';
import { type Category, type ComplaintStage, complaintStages, type Service, type State } from '../db/tables.js';
import { type RequestsDb, requestsDb, scoped } from '../queries/requests-db.js';

/**
 * The commune administrator's settings of complaints: categories, services, the routing matrix and the
 * states. Each `check…` turns typed strings into an input or one message key per invalid field; the
 * commands below write what was checked (the routes audit them).
 */

type Values = Record<string, string>;
export type Checked<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

const checked = <T>(errors: Record<string, string>, data: () => T): Checked<T> => (Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: data() });

/** Same rule as the table's check: the Open311 service_code and state codes are stable and safe in a URL. */
export const codePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const typed = (values: Values, name: string) => (values[name] ?? '').trim();
const isOn = (values: Values, name: string) => ['on', 'true', '1'].includes(typed(values, name));

/** One text per language from `<name>_<locale>` fields; the commune's default language is required. */
function localizedFrom(values: Values, name: string, errors: Record<string, string>, options: { required: Locale | null; max: number }): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = typed(values, `${name}_${locale}`);
    if (value.length > options.max) errors[`${name}_${locale}`] = 'core.form.too_long';
    else if (value) text[locale] = value;
  }
  if (options.required && !typed(values, `${name}_${options.required}`)) errors[`${name}_${options.required}`] = 'core.form.required';
  return text;
}

/** A whole number typed in a form, or null when it is not one within the bounds. */
function wholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

/** The position field: empty means first (0). */
function positionFrom(values: Values, errors: Record<string, string>, name = 'position'): number {
  const raw = typed(values, name);
  if (!raw) return 0;
  const value = wholeNumber(raw, 0, 9999);
  if (value === null) errors[name] = 'requests.settings.error.position';
  return value ?? 0;
}

/** The commune's own rows, from the application's handle or inside a transaction. */
const inCommune = (db: Kysely<PlatformTables> | RequestsDb, communeId: string) => communeScope(db as RequestsDb, communeId);

export const findCategory = (db: Kysely<PlatformTables>, communeId: string, id: string) => scoped(db, communeId).selectFrom('request_categories').selectAll().where('id', '=', id).executeTakeFirst();
export const findService = (db: Kysely<PlatformTables>, communeId: string, id: string) => scoped(db, communeId).selectFrom('request_services').selectAll().where('id', '=', id).executeTakeFirst();
export const findState = (db: Kysely<PlatformTables>, communeId: string, id: string) => scoped(db, communeId).selectFrom('request_states').selectAll().where('id', '=', id).executeTakeFirst();

/** Two administrators saving the same new code at once: the second is told the code is taken, not shown a 500. */
export async function unlessCodeTaken<T>(write: () => Promise<T>): Promise<T | 'code_taken'> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'code_taken';
    throw error;
  }
}

/** Form values of commune-written text, for an edit form. */
export function localizedValues(name: string, text: LocalizedText): Values {
  return Object.fromEntries(Object.entries(text).map(([locale, value]) => [`${name}_${locale}`, value ?? '']));
}

// ── Categories ────────────────────────────────────────────────────────────────────────────────────────────

export interface CategoryInput {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  responseDays: number;
  sensitive: boolean;
  designatedUserId: string | null;
  defaultServiceId: string | null;
  position: number;
  active: boolean;
}

export interface CategoryContext {
  defaultLocale: Locale;
  services: Pick<Service, 'id'>[];
  /** Who may be designated for a sensitive category: the commune's staff and administrators. */
  designatable: { id: string }[];
  /** Codes of the commune's other categories. */
  takenCodes: string[];
  /** The category being edited, and whether complaints were filed in it (its code is then fixed). */
  existing: { code: string; used: boolean } | null;
}

function categoryCode(values: Values, context: CategoryContext, errors: Record<string, string>): string {
  const code = typed(values, 'code');
  if (context.existing?.used && code !== context.existing.code) errors.code = 'requests.settings.error.code_locked';
  else if (!code) errors.code = 'core.form.required';
  else if (!codePattern.test(code)) errors.code = 'requests.settings.error.code_format';
  else if (context.takenCodes.includes(code)) errors.code = 'requests.settings.error.code_taken';
  return code;
}

/** Checks a category form: every invalid field gets its own message. */
export function checkCategory(values: Values, context: CategoryContext): Checked<CategoryInput> {
  const errors: Record<string, string> = {};
  const code = categoryCode(values, context, errors);
  const name = localizedFrom(values, 'name', errors, { required: context.defaultLocale, max: 200 });
  const description = localizedFrom(values, 'description', errors, { required: null, max: 2000 });
  const responseDays = wholeNumber(typed(values, 'response_days'), 1, 250);
  if (responseDays === null) errors.response_days = 'requests.settings.error.response_days';
  const sensitive = isOn(values, 'sensitive');
  const designated = typed(values, 'designated_user_id');
  // A sensitive complaint goes to one person, never to the whole queue: that person must exist.
  if (designated && !context.designatable.some((u) => u.id === designated)) errors.designated_user_id = 'requests.settings.error.designated_invalid';
  else if (sensitive && !designated) errors.designated_user_id = 'requests.settings.error.designated_required';
  const defaultService = typed(values, 'default_service_id');
  if (defaultService && !context.services.some((s) => s.id === defaultService)) errors.default_service_id = 'requests.settings.error.service_invalid';
  const position = positionFrom(values, errors);
  return checked(errors, () => ({ code, name, description, responseDays: responseDays!, sensitive, designatedUserId: designated || null, defaultServiceId: defaultService || null, position, active: isOn(values, 'active') }));
}

export function categoryValues(category: Category): Values {
  return {
    code: category.code,
    ...localizedValues('name', category.name),
    ...localizedValues('description', category.description),
    response_days: String(category.response_days),
    sensitive: category.sensitive ? 'on' : '',
    designated_user_id: category.designated_user_id ?? '',
    default_service_id: category.default_service_id ?? '',
    position: String(category.position),
    active: category.active ? 'on' : '',
  };
}

/** The commune's staff and administrators (active grants), who may be designated for sensitive complaints. */
export async function designatableStaff(db: Kysely<PlatformTables>, communeId: string): Promise<{ id: string; label: string }[]> {
  const rows = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.id', 'users.display_name', 'users.email', 'users.phone_e164'])
    .where('role_grants.commune_id', '=', communeId)
    .where('role_grants.revoked_at', 'is', null)
    .where('role_grants.role', 'in', ['staff', 'admin'])
    .distinct()
    .orderBy('users.display_name')
    .execute();
  return rows.map((u) => ({ id: u.id, label: u.display_name ?? u.email ?? u.phone_e164 ?? u.id }));
}

/** How many requests were filed in a category (its code is then fixed and it can only be deactivated). */
export async function categoryUsage(db: Kysely<PlatformTables> | RequestsDb, communeId: string, categoryId: string): Promise<number> {
  const row = await inCommune(db, communeId).selectFrom('requests').select((eb) => eb.fn.countAll<string>().as('n')).where('category_id', '=', categoryId).executeTakeFirstOrThrow();
  return Number(row.n);
}

const categoryColumns = (input: CategoryInput) => ({
  code: input.code,
  name: JSON.stringify(input.name),
  description: JSON.stringify(input.description),
  response_days: input.responseDays,
  sensitive: input.sensitive,
  designated_user_id: input.designatedUserId,
  default_service_id: input.defaultServiceId,
  position: input.position,
  active: input.active,
});

export async function createCategory(db: Kysely<PlatformTables>, communeId: string, input: CategoryInput): Promise<Category> {
  return scoped(db, communeId).insertInto('request_categories', categoryColumns(input)).returningAll().executeTakeFirstOrThrow();
}

export async function updateCategory(db: Kysely<PlatformTables>, communeId: string, categoryId: string, input: CategoryInput): Promise<Category> {
  return scoped(db, communeId).updateTable('request_categories').set(categoryColumns(input)).where('id', '=', categoryId).returningAll().executeTakeFirstOrThrow();
}

/** Deletes a category nobody filed in (its routes go with it); a used one is only deactivated, elsewhere. */
export async function deleteCategory(db: Kysely<PlatformTables>, communeId: string, categoryId: string): Promise<'deleted' | 'in_use'> {
  return requestsDb(db).transaction().execute(async (trx) => {
    if ((await categoryUsage(trx, communeId, categoryId)) > 0) return 'in_use';
    await inCommune(trx, communeId).deleteFrom('request_categories').where('id', '=', categoryId).execute();
    return 'deleted';
  });
}

// ── Services ──────────────────────────────────────────────────────────────────────────────────────────────

export interface ServiceInput {
  name: LocalizedText;
  email: string | null;
  position: number;
}

export function checkService(values: Values, defaultLocale: Locale): Checked<ServiceInput> {
  const errors: Record<string, string> = {};
  const name = localizedFrom(values, 'name', errors, { required: defaultLocale, max: 200 });
  const email = typed(values, 'email').toLowerCase();
  if (email && (email.length > 200 || !emailPattern.test(email))) errors.email = 'requests.settings.error.email';
  const position = positionFrom(values, errors);
  return checked(errors, () => ({ name, email: email || null, position }));
}

export const serviceValues = (service: Service): Values => ({ ...localizedValues('name', service.name), email: service.email ?? '', position: String(service.position) });

/** What still depends on a service: routes of the matrix and complaints not yet closed. */
export async function serviceUsage(db: Kysely<PlatformTables> | RequestsDb, communeId: string, serviceId: string): Promise<{ routes: number; openRequests: number }> {
  const [routes, open] = await Promise.all([
    inCommune(db, communeId).selectFrom('request_routes').select((eb) => eb.fn.countAll<string>().as('n')).where('service_id', '=', serviceId).executeTakeFirstOrThrow(),
    inCommune(db, communeId).selectFrom('requests').select((eb) => eb.fn.countAll<string>().as('n')).where('service_id', '=', serviceId).where('is_open', '=', true).executeTakeFirstOrThrow(),
  ]);
  return { routes: Number(routes.n), openRequests: Number(open.n) };
}

export async function createService(db: Kysely<PlatformTables>, communeId: string, input: ServiceInput): Promise<Service> {
  return scoped(db, communeId).insertInto('request_services', { name: JSON.stringify(input.name), email: input.email, position: input.position }).returningAll().executeTakeFirstOrThrow();
}

export async function updateService(db: Kysely<PlatformTables>, communeId: string, serviceId: string, input: ServiceInput): Promise<Service> {
  return scoped(db, communeId).updateTable('request_services').set({ name: JSON.stringify(input.name), email: input.email, position: input.position }).where('id', '=', serviceId).returningAll().executeTakeFirstOrThrow();
}

/** Deletes a service no route and no open complaint uses (closed ones keep their history, without it). */
export async function deleteService(db: Kysely<PlatformTables>, communeId: string, serviceId: string): Promise<'deleted' | { routes: number; openRequests: number }> {
  return requestsDb(db).transaction().execute(async (trx) => {
    const usage = await serviceUsage(trx, communeId, serviceId);
    if (usage.routes > 0 || usage.openRequests > 0) return usage;
    await inCommune(trx, communeId).deleteFrom('request_services').where('id', '=', serviceId).execute();
    return 'deleted';
  });
}

// ── Routing matrix ───────────────────────────────────────────────────────────────────────────────────────

export interface RouteRow {
  categoryId: string;
  /** null: every neighbourhood without a route of its own. */
  neighbourhood: string | null;
  serviceId: string;
}

/** The form field of one cell of the matrix. */
export const routeField = (categoryId: string, neighbourhood: string | null) => (neighbourhood === null ? `route.${categoryId}.all` : `route.${categoryId}.in.${neighbourhood}`);

export function routingValues(routes: { category_id: string; neighbourhood: string | null; service_id: string }[]): Values {
  return Object.fromEntries(routes.map((r) => [routeField(r.category_id, r.neighbourhood), r.service_id]));
}

/** Reads every cell of the matrix; an empty cell inherits, a cell naming another commune's service is refused. */
export function checkRouting(values: Values, categories: Pick<Category, 'id'>[], neighbourhoods: string[], services: Pick<Service, 'id'>[]): Checked<RouteRow[]> {
  const errors: Record<string, string> = {};
  const rows: RouteRow[] = [];
  for (const category of categories) {
    for (const neighbourhood of [null, ...neighbourhoods]) {
      const field = routeField(category.id, neighbourhood);
      const serviceId = typed(values, field);
      if (!serviceId) continue;
      if (services.some((s) => s.id === serviceId)) rows.push({ categoryId: category.id, neighbourhood, serviceId });
      else errors[field] = 'requests.settings.error.service_invalid';
    }
  }
  return checked(errors, () => rows);
}

/** Where a cell sends complaints, following the same order as routeComplaint: own cell, all neighbourhoods, default. */
export function resolveCell(values: Values, category: Pick<Category, 'id' | 'default_service_id'>, neighbourhood: string | null): { serviceId: string | null; via: 'own' | 'all' | 'default' | 'none' } {
  const own = typed(values, routeField(category.id, neighbourhood));
  if (own) return { serviceId: own, via: 'own' };
  const all = neighbourhood === null ? '' : typed(values, routeField(category.id, null));
  if (all) return { serviceId: all, via: 'all' };
  return category.default_service_id ? { serviceId: category.default_service_id, via: 'default' } : { serviceId: null, via: 'none' };
}

/** Replaces the commune's whole routing in one transaction: nobody files a complaint against half a matrix. */
export async function replaceRoutes(db: Kysely<PlatformTables>, communeId: string, rows: RouteRow[]): Promise<void> {
  await requestsDb(db).transaction().execute(async (trx) => {
    await inCommune(trx, communeId).deleteFrom('request_routes').execute();
    if (rows.length === 0) return;
    await inCommune(trx, communeId).insertInto('request_routes', rows.map((r) => ({ category_id: r.categoryId, neighbourhood: r.neighbourhood, service_id: r.serviceId }))).execute();
  });
}

// ── States ────────────────────────────────────────────────────────────────────────────────────────────────

/** Open311 knows only open and closed: an answered complaint is closed, every other stage is open. */
export const open311StatusOf = (stage: ComplaintStage): 'open' | 'closed' => (stage === 'resolved' || stage === 'rejected' ? 'closed' : 'open');

/** Filing needs a "received" state and reopening a "reopened" one: the last of each cannot be deleted. */
export const indispensableStages: readonly ComplaintStage[] = ['received', 'reopened'];

const isStage = (value: string): value is ComplaintStage => (complaintStages as readonly string[]).includes(value);

export interface StateInput {
  code: string;
  name: LocalizedText;
  stage: ComplaintStage;
  open311: 'open' | 'closed';
  position: number;
}

export function checkNewState(values: Values, defaultLocale: Locale, takenCodes: string[]): Checked<StateInput> {
  const errors: Record<string, string> = {};
  const code = typed(values, 'code');
  if (!code) errors.code = 'core.form.required';
  else if (!codePattern.test(code)) errors.code = 'requests.settings.error.code_format';
  else if (takenCodes.includes(code)) errors.code = 'requests.settings.error.code_taken';
  const name = localizedFrom(values, 'name', errors, { required: defaultLocale, max: 200 });
  const stage = typed(values, 'stage');
  if (!isStage(stage)) errors.stage = 'requests.settings.error.stage';
  const open311 = typed(values, 'open311_status');
  if (open311 !== 'open' && open311 !== 'closed') errors.open311_status = 'requests.settings.error.open311';
  else if (isStage(stage) && open311StatusOf(stage) !== open311) errors.open311_status = open311 === 'open' ? 'requests.settings.error.open311_closed' : 'requests.settings.error.open311_open';
  const position = positionFrom(values, errors);
  return checked(errors, () => ({ code, name, stage: stage as ComplaintStage, open311: open311 as 'open' | 'closed', position }));
}

export function checkStateName(values: Values, defaultLocale: Locale): Checked<LocalizedText> {
  const errors: Record<string, string> = {};
  const name = localizedFrom(values, 'name', errors, { required: defaultLocale, max: 200 });
  return checked(errors, () => name);
}

/** The order form has one `position.<id>` field per state. */
export const positionField = (stateId: string) => `position.${stateId}`;

export function checkStateOrder(values: Values, states: Pick<State, 'id'>[]): Checked<{ id: string; position: number }[]> {
  const errors: Record<string, string> = {};
  const order = states.map((s) => ({ id: s.id, position: positionFrom(values, errors, positionField(s.id)) }));
  return checked(errors, () => order);
}

export async function addState(db: Kysely<PlatformTables>, communeId: string, input: StateInput): Promise<State> {
  return scoped(db, communeId)
    .insertInto('request_states', { code: input.code, name: JSON.stringify(input.name), stage: input.stage, open311_status: open311StatusOf(input.stage), position: input.position })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function renameState(db: Kysely<PlatformTables>, communeId: string, stateId: string, name: LocalizedText): Promise<void> {
  await scoped(db, communeId).updateTable('request_states').set({ name: JSON.stringify(name) }).where('id', '=', stateId).execute();
}

export async function reorderStates(db: Kysely<PlatformTables>, communeId: string, order: { id: string; position: number }[]): Promise<void> {
  await requestsDb(db).transaction().execute(async (trx) => {
    for (const { id, position } of order) await inCommune(trx, communeId).updateTable('request_states').set({ position }).where('id', '=', id).execute();
  });
}

/** How many complaints are in a state now or went through it (their history names it). */
export async function stateUsage(db: Kysely<PlatformTables> | RequestsDb, communeId: string, code: string): Promise<number> {
  const row = await sql<{ n: string }>`
    select count(*) as n from requests r
    where r.commune_id = ${communeId} and r.kind = 'complaint'
      and (r.status = ${code} or exists (select 1 from request_events e where e.request_id = r.id and e.commune_id = ${communeId} and e.status = ${code}))`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Deletes a state nobody used, unless it is the last one filing or reopening needs. */
export async function deleteState(db: Kysely<PlatformTables>, communeId: string, state: State): Promise<'deleted' | 'in_use' | 'last_of_stage'> {
  return requestsDb(db).transaction().execute(async (trx) => {
    if (indispensableStages.includes(state.stage)) {
      const same = await inCommune(trx, communeId).selectFrom('request_states').select((eb) => eb.fn.countAll<string>().as('n')).where('stage', '=', state.stage).executeTakeFirstOrThrow();
      if (Number(same.n) <= 1) return 'last_of_stage';
    }
    if ((await stateUsage(trx, communeId, state.code)) > 0) return 'in_use';
    await inCommune(trx, communeId).deleteFrom('request_states').where('id', '=', state.id).execute();
    return 'deleted';
  });
}
