import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { routeField } from '../commands/settings-commands.js';
import { scoped } from '../queries/requests-db.js';
import { admin, auditCount, base, category, categoryForm, fileIn, ndarId, newService, openSettingsApp, routesOf, state, t, tiznitId } from './settings-test-helpers.js';

beforeAll(openSettingsApp);
afterAll(() => t.close());

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
