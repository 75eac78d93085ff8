import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, unlessCodeTaken } from '../commands/settings-commands.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { admin, auditCount, base, category, categoryForm, fileIn, fill, ndarId, newService, openSettingsApp, routesOf, service, settingsFingerprint, settingsRoutes, state, t, tiznitId } from './settings-test-helpers.js';

beforeAll(openSettingsApp);
afterAll(() => t.close());

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
