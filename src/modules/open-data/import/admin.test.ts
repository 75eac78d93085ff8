import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { openDataDb } from '../db/open-data-db.js';
import { importSettled } from './import-test-helpers.js';

let t: TestApp;
let resourceId: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  const resource = await openDataDb(t.services.db).selectFrom('open_data_resources').select('id').where('name', '=', 'Exécution au 31 octobre 2026').executeTakeFirstOrThrow();
  resourceId = resource.id;
  base = `/ndar-toute/admin/data/resources/${resourceId}`;
});
afterAll(() => t.close());

describe('staff pages of the tabular import', () => {
  it('show the last load with its counts, and load again on request', async () => {
    const page = await t.request('ndar-toute:staff', 'GET', `${base}/import`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('14 lignes chargées, 0 lignes refusées.');
    expect(page.body).toContain(`href="${base}/schema"`);
    const again = await t.request('ndar-toute:staff', 'POST', `${base}/import`, {});
    expect(again.statusCode).toBe(303);
    expect((await importSettled(t, 'ndar-toute', resourceId)).state).toBe('done');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', resourceId).execute();
    expect(audit.map((a) => a.action)).toContain('open-data.import.start');
  });

  it('let staff turn a column into text: the file is loaded again with the corrected schema', async () => {
    const form = await t.request('ndar-toute:staff', 'GET', `${base}/schema`);
    expect(form.body).toContain('<legend dir="auto">Prévu (FCFA)</legend>');
    const fields: Record<string, string> = { missing: 'NA' };
    for (let i = 0; i < 7; i++) fields[`type_${i}`] = i === 1 ? 'string' : ['string', 'integer', 'string', 'number', 'number', 'number', 'date'][i]!;
    Object.assign(fields, { decimal_3: ',', decimal_4: ',', decimal_5: ',', format_6: '%d/%m/%Y', title_2: 'Libellé de la ligne' });
    const saved = await t.request('ndar-toute:staff', 'POST', `${base}/schema`, fields);
    expect(saved.statusCode).toBe(303);
    const done = await importSettled(t, 'ndar-toute', resourceId);
    expect(done).toMatchObject({ state: 'done', rows_loaded: 14 });
    const resource = await openDataDb(t.services.db).selectFrom('open_data_resources').select('table_schema').where('id', '=', resourceId).executeTakeFirstOrThrow();
    expect(resource.table_schema!.fields[1]).toMatchObject({ name: 'Article', type: 'string' });
    expect(resource.table_schema!.fields[2]).toMatchObject({ title: 'Libellé de la ligne' });
    expect(resource.table_schema!.missingValues).toEqual(['', 'NA']);
  });

  it('are the commune staff’s only: citizens are refused, another commune sees nothing, a forged POST is rejected', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', `${base}/import`)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/data/resources/${resourceId}/import`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/data/resources/${resourceId}/import`, {})).statusCode).toBe(404);
    const forged = await t.app.inject({ method: 'POST', url: `${base}/import`, headers: { cookie: await t.cookiesFor('ndar-toute:staff'), 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(forged.statusCode).toBe(403);
    const errors = await t.request('ndar-toute:staff', 'GET', `${base}/import/errors.csv`);
    expect(errors.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(errors.body).toContain('Ligne,Colonne,Problème');
  });
});
