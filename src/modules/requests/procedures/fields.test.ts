import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { fieldsOf } from './fields.js';
import { demoProcedure } from './test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const hostile = '<script>alert("champ")</script>Nom du père';
const formsUrl = (id: string) => `/ndar-toute/admin/requests/procedure-forms/${id}`;
const auditRows = (action: string) => t.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('staff define the fields of a procedure request form', () => {
  it('adds a field, shows it escaped, audits it, edits and removes it', async () => {
    const birth = await demoProcedure(t, 'ndar-toute', 'naissance');
    const list = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/requests/procedure-forms');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(formsUrl(birth.id));
    const added = await t.request('ndar-toute:staff', 'POST', `${formsUrl(birth.id)}/fields`, { key: 'nom_pere', kind: 'text', label_fr: hostile, required: 'on' });
    expect(added.statusCode).toBe(303);
    const [field] = await fieldsOf(t.services.db, birth.communeId, birth.id);
    expect(field).toMatchObject({ key: 'nom_pere', kind: 'text', required: true, label: { fr: hostile } });
    const page = await t.request('ndar-toute:staff', 'GET', formsUrl(birth.id));
    expect(page.body).not.toContain('<script>alert("champ")');
    expect(page.body).toContain('&lt;script>alert(&#34;champ&#34;)&lt;/script>Nom du père');
    expect(await auditRows('procedure.field_added')).toHaveLength(1);

    const edited = await t.request('ndar-toute:staff', 'POST', `${formsUrl(birth.id)}/fields/${field!.id}`, { key: 'nom_pere', kind: 'text', label_fr: 'Nom du père', label_ar: 'اسم الأب' });
    expect(edited.statusCode).toBe(303);
    expect((await fieldsOf(t.services.db, birth.communeId, birth.id))[0]).toMatchObject({ required: false, label: { fr: 'Nom du père', ar: 'اسم الأب' } });
    expect(await auditRows('procedure.field_updated')).toHaveLength(1);

    const removed = await t.request('ndar-toute:staff', 'POST', `${formsUrl(birth.id)}/fields/${field!.id}/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect(await fieldsOf(t.services.db, birth.communeId, birth.id)).toEqual([]);
    expect(await auditRows('procedure.field_removed')).toHaveLength(1);
  });

  it('refuses hostile definitions with one message per input and keeps what was typed', async () => {
    const residence = await demoProcedure(t, 'ndar-toute', 'résidence');
    const bad = await t.request('ndar-toute:admin', 'POST', `${formsUrl(residence.id)}/fields`, {
      key: 'Bad Key; drop table',
      kind: 'choice',
      label_fr: '',
      label_en: hostile,
      options: 'A B | <b>x</b>\nA B | doublon',
      max_length: '99999999',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Identifiant : lettres minuscules');
    expect(bad.body).toContain('Valeurs d’options');
    expect(bad.body).toContain('value="Bad Key; drop table"');
    expect(bad.body).not.toContain('<script>alert("champ")');
    expect(bad.body).not.toContain('<b>x</b>');
    const unknownKind = await t.request('ndar-toute:admin', 'POST', `${formsUrl(residence.id)}/fields`, { key: 'age', kind: 'javascript', label_fr: 'Âge' });
    expect(unknownKind.statusCode).toBe(422);
    const range = await t.request('ndar-toute:admin', 'POST', `${formsUrl(residence.id)}/fields`, { key: 'age', kind: 'number', label_fr: 'Âge', min_value: '99', max_value: '1' });
    expect(range.statusCode).toBe(422);
    expect(range.body).toContain('Le minimum dépasse le maximum.');
    expect(await fieldsOf(t.services.db, residence.communeId, residence.id)).toEqual([]);
  });

  it('is closed to residents, mediators and other communes; another commune’s procedure does not exist here', async () => {
    const birth = await demoProcedure(t, 'ndar-toute', 'naissance');
    const tiznitProcedure = await demoProcedure(t, 'tiznit-el-jadida', '');
    for (const key of ['ndar-toute:citizen', 'ndar-toute:mediator', 'tiznit-el-jadida:staff']) {
      const page = await t.request(key, 'GET', formsUrl(birth.id));
      expect(page.statusCode, key).toBe(403);
      const post = await t.request(key, 'POST', `${formsUrl(birth.id)}/fields`, { key: 'intrus', kind: 'text', label_fr: 'Intrus' });
      expect(post.statusCode, key).toBe(403);
    }
    const foreign = await t.request('ndar-toute:admin', 'GET', formsUrl(tiznitProcedure.id));
    expect(foreign.statusCode).toBe(404);
    const foreignPost = await t.request('ndar-toute:admin', 'POST', `${formsUrl(tiznitProcedure.id)}/fields`, { key: 'intrus', kind: 'text', label_fr: 'Intrus' });
    expect(foreignPost.statusCode).toBe(404);
    expect(await fieldsOf(t.services.db, tiznitProcedure.communeId, tiznitProcedure.id)).toEqual([]);
    expect(await fieldsOf(t.services.db, birth.communeId, birth.id)).toEqual([]);
  });
});
