import { sql } from 'kysely';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { complaintInput, fileComplaint } from '../commands/complaint-commands.js';
import { scoped } from '../queries/requests-db.js';

export let t: TestApp;
export let ndarId: string;
export let tiznitId: string;

export const base = '/ndar-toute/admin/requests/settings';
export const admin = 'ndar-toute:admin';

export const category = (communeId: string, code: string) => scoped(t.services.db, communeId).selectFrom('request_categories').selectAll().where('code', '=', code).executeTakeFirst();
export const service = (communeId: string, id: string) => scoped(t.services.db, communeId).selectFrom('request_services').selectAll().where('id', '=', id).executeTakeFirst();
export const state = (communeId: string, code: string) => scoped(t.services.db, communeId).selectFrom('request_states').selectAll().where('code', '=', code).executeTakeFirst();
export const routesOf = (communeId: string) => scoped(t.services.db, communeId).selectFrom('request_routes').select(['category_id', 'neighbourhood', 'service_id']).orderBy('category_id').orderBy('neighbourhood').execute();
export const auditCount = async (action: string, resourceId?: string) => {
  let query = t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', action).where('commune_id', '=', ndarId);
  if (resourceId) query = query.where('resource_id', '=', resourceId);
  return Number((await query.executeTakeFirstOrThrow()).n);
};

/** Everything the settings own in a commune, to prove a refused request changed nothing. */
export async function settingsFingerprint(communeId: string): Promise<string> {
  const parts: string[] = [];
  for (const table of ['request_categories', 'request_services', 'request_routes', 'request_states']) {
    const rows = await sql<{ row: unknown }>`select to_jsonb(x) as row from ${sql.table(table)} x where commune_id = ${communeId} order by id`.execute(t.services.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

/** Creates a service through the form; returns the one row it added. */
export async function newService(name: string, extra: Record<string, string> = {}) {
  const existing = (await scoped(t.services.db, ndarId).selectFrom('request_services').select('id').execute()).map((s) => s.id);
  const response = await t.request(admin, 'POST', `${base}/services`, { name_fr: name, ...extra });
  expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
  const added = await scoped(t.services.db, ndarId).selectFrom('request_services').selectAll().execute();
  return added.filter((s) => !existing.includes(s.id))[0]!;
}

export const categoryForm = (fields: Record<string, string>) => ({ code: 'puits', name_fr: 'Puits et forages', response_days: '7', active: 'on', ...fields });

export async function ndarCommune() {
  return t.services.db.selectFrom('communes').selectAll().where('id', '=', ndarId).executeTakeFirstOrThrow();
}

export async function fileIn(categoryId: string, neighbourhood: string | null) {
  const { request } = await fileComplaint(t.services.db, await ndarCommune(), complaintInput(categoryId, 'Test', { neighbourhood }));
  return request;
}

/** Opens the seeded app the tests of this slice share (one per test file). */
export async function openSettingsApp(): Promise<void> {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
}

export const settingsRoutes = () => t.app.registeredRoutes.filter((r) => r.url.includes('/admin/requests/settings'));
export const fill = (url: string, commune: string, id: string) => url.replace(':commune', commune).replace(':id', id);
