import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { complaintInput, fileComplaint } from '../commands/complaint-commands.js';
import { createCategory, routeField, unlessCodeTaken } from '../commands/settings-commands.js';
import { requestsDb, scoped } from '../queries/requests-db.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;

const base = '/ndar-toute/admin/requests/settings';
const admin = 'ndar-toute:admin';

const category = (communeId: string, code: string) => scoped(t.services.db, communeId).selectFrom('request_categories').selectAll().where('code', '=', code).executeTakeFirst();
const service = (communeId: string, id: string) => scoped(t.services.db, communeId).selectFrom('request_services').selectAll().where('id', '=', id).executeTakeFirst();
const state = (communeId: string, code: string) => scoped(t.services.db, communeId).selectFrom('request_states').selectAll().where('code', '=', code).executeTakeFirst();
const routesOf = (communeId: string) => scoped(t.services.db, communeId).selectFrom('request_routes').select(['category_id', 'neighbourhood', 'service_id']).orderBy('category_id').orderBy('neighbourhood').execute();
const auditCount = async (action: string, resourceId?: string) => {
  let query = t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', action).where('commune_id', '=', ndarId);
  if (resourceId) query = query.where('resource_id', '=', resourceId);
  return Number((await query.executeTakeFirstOrThrow()).n);
};

/** Everything the settings own in a commune, to prove a refused request changed nothing. */
async function settingsFingerprint(communeId: string): Promise<string> {
  const parts: string[] = [];
  for (const table of ['request_categories', 'request_services', 'request_routes', 'request_states']) {
    const rows = await sql<{ row: unknown }>`select to_jsonb(x) as row from ${sql.table(table)} x where commune_id = ${communeId} order by id`.execute(t.services.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

/** Creates a service through the form; returns the one row it added. */
async function newService(name: string, extra: Record<string, string> = {}) {
  const existing = (await scoped(t.services.db, ndarId).selectFrom('request_services').select('id').execute()).map((s) => s.id);
  const response = await t.request(admin, 'POST', `${base}/services`, { name_fr: name, ...extra });
  expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
  const added = await scoped(t.services.db, ndarId).selectFrom('request_services').selectAll().execute();
  return added.filter((s) => !existing.includes(s.id))[0]!;
}

const categoryForm = (fields: Record<string, string>) => ({ code: 'puits', name_fr: 'Puits et forages', response_days: '7', active: 'on', ...fields });

async function ndarCommune() {
  return t.services.db.selectFrom('communes').selectAll().where('id', '=', ndarId).executeTakeFirstOrThrow();
}

async function fileIn(categoryId: string, neighbourhood: string | null) {
  const { request } = await fileComplaint(t.services.db, await ndarCommune(), complaintInput(categoryId, 'Test', { neighbourhood }));
  return request;
}

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

const settingsRoutes = () => t.app.registeredRoutes.filter((r) => r.url.includes('/admin/requests/settings'));
const fill = (url: string, commune: string, id: string) => url.replace(':commune', commune).replace(':id', id);

describe('who reaches the settings', () => {
  it('the administrator sees the index, every section and the admin menu entry', async () => {
    const index = await t.request(admin, 'GET', base);
    expect(index.statusCode).toBe(200);
    for (const section of ['categories', 'services', 'routing', 'states']) {
      expect(index.body).toContain(`href="${base}/${section}"`);
      expect((await t.request(admin, 'GET', `${base}/${section}`)).statusCode).toBe(200);
    }
    expect((await t.request(admin, 'GET', '/ndar-toute/admin')).body).toContain(`href="${base}"`);
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin')).body).not.toContain(`href="${base}"`);
  });

  it('plain staff, moderators and mediators get 403 on every settings route, and nothing changes', async () => {
    const routes = settingsRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(16);
    const waste = (await category(ndarId, 'waste'))!;
    const before = await settingsFingerprint(ndarId);
    for (const route of routes) {
      for (const key of ['ndar-toute:staff', 'ndar-toute:moderator', 'ndar-toute:mediator']) {
        const response = await t.request(key, route.method as 'GET' | 'POST', fill(route.url, 'ndar-toute', waste.id), route.method === 'GET' ? undefined : { name_fr: 'Piraté', code: 'pirate', response_days: '3' });
        expect(response.statusCode, `${key} ${route.method} ${route.url}`).toBe(403);
      }
    }
    expect(await settingsFingerprint(ndarId)).toBe(before);
  });

  it('another commune’s administrator gets 403 on this commune’s settings and 404 for its rows through their own, and nothing changes', async () => {
    const waste = (await category(ndarId, 'waste'))!;
    const received = (await state(ndarId, 'received'))!;
    const before = await settingsFingerprint(ndarId);
    for (const route of settingsRoutes()) {
      const form = route.method === 'GET' ? undefined : { name_fr: 'Piraté', code: 'pirate', response_days: '3' };
      const direct = await t.request('tiznit-el-jadida:admin', route.method as 'GET' | 'POST', fill(route.url, 'ndar-toute', waste.id), form);
      expect(direct.statusCode, `${route.method} ${route.url}`).toBe(403);
      if (!route.url.includes(':id')) continue;
      for (const id of [waste.id, received.id]) {
        const through = await t.request('tiznit-el-jadida:admin', route.method as 'GET' | 'POST', fill(route.url, 'tiznit-el-jadida', id), form);
        expect(through.statusCode, `${route.method} ${route.url} through tiznit`).toBe(404);
      }
    }
    expect(await settingsFingerprint(ndarId)).toBe(before);
  });

  it('visitors are sent to sign in', async () => {
    const response = await t.request(null, 'GET', base);
    expect([302, 303, 401]).toContain(response.statusCode);
  });
});

describe('categories', () => {
  it('lists the commune’s categories, not another commune’s', async () => {
    await scoped(t.services.db, tiznitId).insertInto('request_categories', { code: 'tiznit-only', name: JSON.stringify({ fr: 'Catégorie de Tiznit' }), response_days: 5 }).execute();
    const page = await t.request(admin, 'GET', `${base}/categories`);
    expect(page.body).toContain('Voirie et routes');
    expect(page.body).toContain('staff-conduct');
    expect(page.body).not.toContain('Catégorie de Tiznit');
  });

  it('says what is wrong with each field and keeps what was typed, storing nothing', async () => {
    const before = await settingsFingerprint(ndarId);
    const response = await t.request(admin, 'POST', `${base}/categories`, { code: 'Puits Forés!', name_fr: '', name_en: 'Wells kept', response_days: '0', sensitive: 'on', position: 'abc' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Utilisez des lettres minuscules sans accent');
    expect(response.body).toContain('Saisissez un nombre entier de jours ouvrables entre 1 et 250.');
    expect(response.body).toContain('Une catégorie sensible a besoin d’une personne désignée.');
    expect(response.body).toContain('Saisissez un nombre entier entre 0 et 9999.');
    expect(response.body).toMatch(/name_fr-error/);
    expect(response.body).toContain('value="Wells kept"');
    expect(response.body).toContain('value="Puits Forés!"');
    expect(await settingsFingerprint(ndarId)).toBe(before);
    const days = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ response_days: '251' }));
    expect(days.body).toContain('entre 1 et 250');
  });

  it('refuses a code already used in the commune, but not one used by another commune', async () => {
    const taken = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ code: 'roads' }));
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Ce code est déjà utilisé dans la commune.');
    // Two administrators saving the same code at once: the database's unique code answers the second one.
    const input = { code: 'roads', name: { fr: 'Doublon' }, description: {}, responseDays: 3, sensitive: false, designatedUserId: null, defaultServiceId: null, position: 0, active: true };
    expect(await unlessCodeTaken(() => createCategory(t.services.db, ndarId, input))).toBe('code_taken');
    const elsewhere = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ code: 'tiznit-only', name_fr: 'Aussi à Ndar' }));
    expect(elsewhere.statusCode).toBe(303);
    expect((await category(ndarId, 'tiznit-only'))!.name).toEqual({ fr: 'Aussi à Ndar' });
  });

  it('a sensitive category needs a designated person among the commune’s staff and administrators', async () => {
    const citizen = t.users.get('ndar-toute:citizen')!;
    const otherAdmin = t.users.get('tiznit-el-jadida:admin')!;
    for (const outsider of [citizen, otherAdmin]) {
      const response = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ code: 'racket', sensitive: 'on', designated_user_id: outsider }));
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Choisissez un agent ou un administrateur de la commune dans la liste.');
    }
    const form = await t.request(admin, 'GET', `${base}/categories/new`);
    expect(form.body).toContain(`value="${t.users.get('ndar-toute:staff')}"`);
    expect(form.body).not.toContain(`value="${citizen}"`);
    const created = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ code: 'racket', sensitive: 'on', designated_user_id: t.users.get('ndar-toute:staff')! }));
    expect(created.statusCode).toBe(303);
    const row = (await category(ndarId, 'racket'))!;
    expect(row.sensitive).toBe(true);
    expect(row.designated_user_id).toBe(t.users.get('ndar-toute:staff'));
    const filed = await fileIn(row.id, 'Sor');
    expect(filed.is_private).toBe(true);
    expect(filed.assignee_id).toBe(t.users.get('ndar-toute:staff'));
  });

  it('creates a category in four languages with its default service, audited', async () => {
    const works = await newService('Brigade des puits');
    const response = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ name_en: 'Wells', name_pt: 'Poços', name_ar: 'الآبار', description_fr: 'Puits publics', response_days: '12', default_service_id: works.id, position: '3' }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${base}/categories`);
    const row = (await category(ndarId, 'puits'))!;
    expect(row.name).toEqual({ fr: 'Puits et forages', en: 'Wells', pt: 'Poços', ar: 'الآبار' });
    expect(row.description).toEqual({ fr: 'Puits publics' });
    expect(row.response_days).toBe(12);
    expect(row.default_service_id).toBe(works.id);
    expect(row.position).toBe(3);
    expect(row.active).toBe(true);
    expect(await auditCount('request_category.created', row.id)).toBe(1);
    expect((await t.request(admin, 'GET', `${base}/categories/${row.id}`)).body).toContain('value="Wells"');
    const foreign = await scoped(t.services.db, tiznitId).selectFrom('request_services').select('id').executeTakeFirstOrThrow();
    const bad = await t.request(admin, 'POST', `${base}/categories/${row.id}`, categoryForm({ default_service_id: foreign.id }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choisissez un service de la liste.');
  });

  it('a used category keeps its code and can only be deactivated; an unused one is deleted', async () => {
    const used = (await category(ndarId, 'waste'))!;
    const renamed = await t.request(admin, 'POST', `${base}/categories/${used.id}`, categoryForm({ code: 'dechets', name_fr: 'Déchets' }));
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toContain('son code ne peut plus changer');
    expect((await t.request(admin, 'GET', `${base}/categories/${used.id}`)).body).toMatch(/<input[^>]*id="code"[^>]*readonly/);
    const refused = await t.request(admin, 'POST', `${base}/categories/${used.id}`, { intent: 'delete' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('elle ne peut pas être supprimée');
    expect(await category(ndarId, 'waste')).toBeDefined();
    const deactivated = await t.request(admin, 'POST', `${base}/categories/${used.id}`, { code: 'waste', name_fr: 'Ordures', response_days: '5' });
    expect(deactivated.statusCode).toBe(303);
    expect((await category(ndarId, 'waste'))!.active).toBe(false);
    expect((await t.request(null, 'GET', '/ndar-toute/requests/new')).body).not.toContain(used.id);
    await t.request(admin, 'POST', `${base}/categories/${used.id}`, { code: 'waste', name_fr: 'Ordures et assainissement', response_days: '5', active: 'on' });

    const created = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ code: 'temporaire', name_fr: 'Temporaire' }));
    const unused = (await category(ndarId, 'temporaire'))!;
    expect(created.statusCode).toBe(303);
    const deleted = await t.request(admin, 'POST', `${base}/categories/${unused.id}`, { intent: 'delete' });
    expect(deleted.statusCode).toBe(303);
    expect(await category(ndarId, 'temporaire')).toBeUndefined();
    expect(await auditCount('request_category.deleted', unused.id)).toBe(1);
  });
});

describe('services', () => {
  it('validates the e-mail and the default-language name, keeping what was typed', async () => {
    const response = await t.request(admin, 'POST', `${base}/services`, { name_en: 'Roads team', email: 'pas-un-email', position: '-1' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Saisissez une adresse e-mail valide, ou laissez vide.');
    expect(response.body).toMatch(/name_fr-error/);
    expect(response.body).toContain('Saisissez un nombre entier entre 0 et 9999.');
    expect(response.body).toContain('value="pas-un-email"');
  });

  it('creates, edits and deletes an unused service, each audited', async () => {
    const row = await newService('Cellule voirie', { email: 'Voirie@Ndar.example', name_ar: 'خلية الطرق' });
    expect(row.email).toBe('voirie@ndar.example');
    expect(row.name).toEqual({ fr: 'Cellule voirie', ar: 'خلية الطرق' });
    expect((await t.request(admin, 'GET', `${base}/services`)).body).toContain('Cellule voirie');
    const edited = await t.request(admin, 'POST', `${base}/services/${row.id}`, { name_fr: 'Cellule voirie et ponts', email: '', position: '2' });
    expect(edited.statusCode).toBe(303);
    expect((await service(ndarId, row.id))!.email).toBeNull();
    const deleted = await t.request(admin, 'POST', `${base}/services/${row.id}`, { intent: 'delete' });
    expect(deleted.statusCode).toBe(303);
    expect(await service(ndarId, row.id)).toBeUndefined();
    for (const action of ['request_service.created', 'request_service.updated', 'request_service.deleted']) expect(await auditCount(action, row.id)).toBe(1);
  });

  it('refuses to delete a service while a route or an open complaint uses it, saying why', async () => {
    const routed = (await routesOf(ndarId)).find((r) => r.neighbourhood === null)!;
    const refused = await t.request(admin, 'POST', `${base}/services/${routed.service_id}`, { intent: 'delete' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Ce service ne peut pas être supprimé');
    expect(await service(ndarId, routed.service_id)).toBeDefined();

    const busy = await newService('Service occupé');
    const lighting = (await category(ndarId, 'lighting'))!;
    const filed = await fileIn(lighting.id, 'Sor');
    await requestsDb(t.services.db).updateTable('requests').set({ service_id: busy.id }).where('id', '=', filed.id).execute();
    const stillOpen = await t.request(admin, 'POST', `${base}/services/${busy.id}`, { intent: 'delete' });
    expect(stillOpen.statusCode).toBe(409);
    expect(stillOpen.body).toContain('0 case(s) de l’acheminement et 1 plainte(s) ouverte(s)');
    expect(await service(ndarId, busy.id)).toBeDefined();
  });
});

describe('routing matrix', () => {
  it('shows categories × neighbourhoods with an "all neighbourhoods" column and what empty cells inherit', async () => {
    const page = await t.request(admin, 'GET', `${base}/routing`);
    expect(page.statusCode).toBe(200);
    const roads = (await category(ndarId, 'roads'))!;
    expect(page.body).toContain('Tous les quartiers');
    expect(page.body).toContain('Guet Ndar');
    expect(page.body).toContain(`name="${routeField(roads.id, 'Guet Ndar')}"`);
    expect(page.body).toContain('Service technique communal (tous les quartiers)');
  });

  it('saves the whole matrix at once, audited, and a new complaint is routed as configured', async () => {
    const roads = (await category(ndarId, 'roads'))!;
    const water = (await category(ndarId, 'water'))!;
    const guetNdar = await newService('Brigade de Guet Ndar');
    const everywhere = await newService('Voirie centrale');
    const response = await t.request(admin, 'POST', `${base}/routing`, {
      [routeField(roads.id, null)]: everywhere.id,
      [routeField(roads.id, 'Guet Ndar')]: guetNdar.id,
      [routeField(water.id, 'Sor')]: guetNdar.id,
      [routeField(water.id, 'Atlantis')]: everywhere.id,
    });
    expect(response.statusCode).toBe(303);
    // The whole matrix is replaced: the seeded routes not in the form are gone, the unknown neighbourhood ignored.
    expect(await routesOf(ndarId)).toHaveLength(3);
    expect(await auditCount('request_routes.replaced')).toBe(1);
    expect((await fileIn(roads.id, 'Guet Ndar')).service_id).toBe(guetNdar.id);
    expect((await fileIn(roads.id, 'Sor')).service_id).toBe(everywhere.id);
    expect((await fileIn(roads.id, null)).service_id).toBe(everywhere.id);
    expect((await fileIn(water.id, 'Sor')).service_id).toBe(guetNdar.id);
    expect((await fileIn(water.id, 'Pikine')).service_id).toBe(water.default_service_id);
    const page = await t.request(admin, 'GET', `${base}/routing`);
    expect(page.body).toContain('→ Voirie centrale (tous les quartiers)');
    expect(page.body).toContain('→ à répartir');
  });

  it('refuses another commune’s service in a cell, keeps the typed matrix and changes nothing', async () => {
    const roads = (await category(ndarId, 'roads'))!;
    const before = await routesOf(ndarId);
    const foreign = await scoped(t.services.db, tiznitId).selectFrom('request_services').select('id').executeTakeFirstOrThrow();
    const kept = await newService('Garde du marché');
    const response = await t.request(admin, 'POST', `${base}/routing`, { [routeField(roads.id, 'Pikine')]: foreign.id, [routeField(roads.id, 'Sor')]: kept.id });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Choisissez un service de la liste.');
    expect(response.body).toMatch(new RegExp(`<option value="${kept.id}" selected`));
    expect(await routesOf(ndarId)).toEqual(before);
  });
});

describe('states', () => {
  it('lists the states in order with their stage and Open311 status', async () => {
    const page = await t.request(admin, 'GET', `${base}/states`);
    expect(page.statusCode).toBe(200);
    const order = ['Reçue', 'Prise en compte', 'En cours de traitement', 'Résolue', 'Rejetée', 'Rouverte'].map((name) => page.body.indexOf(name));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page.body).toContain('fermée (closed)');
  });

  it('adds a state only with the Open311 status its stage implies', async () => {
    const closedButOpen = await t.request(admin, 'POST', `${base}/states`, { code: 'classee', name_fr: 'Classée', stage: 'resolved', open311_status: 'open' });
    expect(closedButOpen.statusCode).toBe(422);
    expect(closedButOpen.body).toContain('choisissez « fermée »');
    expect(closedButOpen.body).toContain('value="Classée"');
    const openButClosed = await t.request(admin, 'POST', `${base}/states`, { code: 'transmise', name_fr: 'Transmise', stage: 'in_progress', open311_status: 'closed' });
    expect(openButClosed.body).toContain('choisissez « ouverte »');
    const invalid = await t.request(admin, 'POST', `${base}/states`, { code: 'received', name_fr: '', stage: 'lost', open311_status: 'maybe' });
    expect(invalid.body).toContain('Ce code est déjà utilisé dans la commune.');
    expect(invalid.body).toContain('Choisissez une étape.');
    expect(invalid.body).toContain('Choisissez ouverte ou fermée.');
    expect(await state(ndarId, 'classee')).toBeUndefined();

    const added = await t.request(admin, 'POST', `${base}/states`, { code: 'transmise', name_fr: 'Transmise au concessionnaire', stage: 'in_progress', open311_status: 'open', position: '3' });
    expect(added.statusCode).toBe(303);
    const row = (await state(ndarId, 'transmise'))!;
    expect(row.open311_status).toBe('open');
    expect(await auditCount('request_state.created', row.id)).toBe(1);
  });

  it('renames a state in four languages and reorders the states, audited', async () => {
    const acknowledged = (await state(ndarId, 'acknowledged'))!;
    const emptyName = await t.request(admin, 'POST', `${base}/states/${acknowledged.id}`, { name_en: 'Seen' });
    expect(emptyName.statusCode).toBe(422);
    expect(emptyName.body).toContain('value="Seen"');
    const renamed = await t.request(admin, 'POST', `${base}/states/${acknowledged.id}`, { name_fr: 'Vue par la mairie', name_en: 'Seen by the town hall', name_pt: 'Vista', name_ar: 'اطلعت عليها البلدية' });
    expect(renamed.statusCode).toBe(303);
    expect((await state(ndarId, 'acknowledged'))!.name).toEqual({ fr: 'Vue par la mairie', en: 'Seen by the town hall', pt: 'Vista', ar: 'اطلعت عليها البلدية' });
    expect(await auditCount('request_state.renamed', acknowledged.id)).toBe(1);

    const states = await scoped(t.services.db, ndarId).selectFrom('request_states').select(['id', 'code']).execute();
    const positions = Object.fromEntries(states.map((s) => [`position.${s.id}`, s.code === 'rejected' ? '0' : '50']));
    const wrong = await t.request(admin, 'POST', `${base}/states/order`, { ...positions, [`position.${acknowledged.id}`]: 'premier' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Saisissez un nombre entier entre 0 et 9999.');
    const reordered = await t.request(admin, 'POST', `${base}/states/order`, positions);
    expect(reordered.statusCode).toBe(303);
    expect((await state(ndarId, 'rejected'))!.position).toBe(0);
    expect((await state(ndarId, 'received'))!.position).toBe(50);
    expect(await auditCount('request_states.reordered')).toBe(1);
  });

  it('deletes only an unused state, never the last "received" or "reopened" one', async () => {
    const received = (await state(ndarId, 'received'))!;
    const reopened = (await state(ndarId, 'reopened'))!;
    const lastReopened = await t.request(admin, 'POST', `${base}/states/${reopened.id}`, { intent: 'delete' });
    expect(lastReopened.statusCode).toBe(409);
    expect(lastReopened.body).toContain('C’est le dernier état de son étape');
    expect((await t.request(admin, 'POST', `${base}/states/${received.id}`, { intent: 'delete' })).statusCode).toBe(409);

    await t.request(admin, 'POST', `${base}/states`, { code: 'enregistree', name_fr: 'Enregistrée', stage: 'received', open311_status: 'open' });
    const used = await t.request(admin, 'POST', `${base}/states/${received.id}`, { intent: 'delete' });
    expect(used.statusCode).toBe(409);
    expect(used.body).toContain('Des plaintes sont passées par cet état');

    const spare = (await state(ndarId, 'enregistree'))!;
    const deleted = await t.request(admin, 'POST', `${base}/states/${spare.id}`, { intent: 'delete' });
    expect(deleted.statusCode).toBe(303);
    expect(await state(ndarId, 'enregistree')).toBeUndefined();
    expect(await state(ndarId, 'received')).toBeDefined();
    expect(await auditCount('request_state.deleted', spare.id)).toBe(1);
  });
});

describe('hostile strings in names render inert on the settings pages', () => {
  for (const [index, hostile] of hostileStrings.entries()) {
    it(hostile.name, async () => {
      const name = hostile.value.slice(0, 200);
      const probe = hostile.probe.slice(0, 80);
      const created = await newService(name);
      const categoryResponse = await t.request(admin, 'POST', `${base}/categories`, categoryForm({ code: `hostile-${index}`, name_fr: name, description_fr: hostile.value.slice(0, 2000), default_service_id: created.id }));
      expect(categoryResponse.statusCode, categoryResponse.body.slice(0, 300)).toBe(303);
      const stateResponse = await t.request(admin, 'POST', `${base}/states`, { code: `hostile-${index}`, name_fr: name, stage: 'in_progress', open311_status: 'open' });
      expect(stateResponse.statusCode).toBe(303);
      const row = (await category(ndarId, `hostile-${index}`))!;
      const stateRow = (await state(ndarId, `hostile-${index}`))!;
      for (const url of [`${base}/categories`, `${base}/categories/${row.id}`, `${base}/categories/new`, `${base}/services`, `${base}/services/${created.id}`, `${base}/routing`, `${base}/states`, `${base}/states/${stateRow.id}`]) {
        const page = await t.request(admin, 'GET', url);
        expect(page.statusCode, url).toBe(200);
        expect(inertnessProblems(page.body), url).toEqual([]);
        expect(visibleText(page.body), url).toContain(probe);
      }
      const invalid = await t.request(admin, 'POST', `${base}/categories`, { code: name.slice(0, 100), name_fr: name, response_days: 'x' });
      expect(invalid.statusCode).toBe(422);
      expect(inertnessProblems(invalid.body)).toEqual([]);
    });
  }
});
