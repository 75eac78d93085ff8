import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { birthForm, pdfScan } from './test-helpers.js';
import { procedureDb } from './tables.js';

let t: TestApp;
let birth: { id: string; communeId: string };
beforeAll(async () => {
  t = await createTestApp();
  birth = await birthForm(t);
});
afterAll(() => t.close());

const formUrl = () => `/ndar-toute/services/${birth.id}/request`;
// The requests of the procedure under test (the demo seed files some for another procedure).
const procedureRequests = () => procedureDb(t.services.db).selectFrom('requests').selectAll().where('kind', '=', 'procedure').where('procedure_id', '=', birth.id).orderBy('created_at').execute();

describe('filing a procedure request', () => {
  it('is linked from the procedure sheet once the procedure has a form, and asks to sign in first', async () => {
    const sheet = await t.request(null, 'GET', `/ndar-toute/services/${birth.id}`);
    expect(sheet.body).toContain(`href="${formUrl()}"`);
    const anonymous = await t.request(null, 'GET', formUrl());
    expect([302, 303, 401]).toContain(anonymous.statusCode);
    const form = await t.request('ndar-toute:citizen', 'GET', formUrl());
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="f_nom_enfant"');
    expect(form.body).toContain('type="file"');
    expect(form.body).toContain('name="_idempotency"');
    expect(form.body).toMatch(new RegExp(`action="${formUrl()}\\?_csrf=[^"]+" enctype="multipart/form-data"`));
  });

  it('gives one clear message per invalid field and keeps everything typed', async () => {
    const response = await t.request('ndar-toute:citizen', 'POST', formUrl(), { f_nom_enfant: '', f_copies: '42', f_motif: 'pirate', f_extra: 'ignored' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Nom de la personne née: ');
    expect(response.body).toContain('Ce nombre est hors des limites permises.');
    expect(response.body).toContain('value="42"');
    expect(await procedureRequests()).toHaveLength(0);
  });

  it('refuses a scan that is not a PDF, JPEG or PNG before storing anything, text kept', async () => {
    const fake = { content: Buffer.from('MZ this is an executable'), filename: 'piece.pdf', type: 'application/pdf' };
    const response = await postMultipart(t, 'ndar-toute:citizen', formUrl(), { f_nom_enfant: 'Awa Diop', f_copies: '2' }, { f_piece: fake });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Ce fichier n’est pas un PDF, un JPEG ou un PNG.');
    expect(response.body).toContain('value="Awa Diop"');
    expect(await procedureRequests()).toHaveLength(0);
  });

  it('files once per idempotency key: DA reference and tracking code, stored privately, SMS sent', async () => {
    const fields = { f_nom_enfant: 'Awa Diop', f_copies: '2', f_motif: 'ecole', _idempotency: 'procedure-key-0001' };
    const first = await postMultipart(t, 'ndar-toute:citizen', formUrl(), fields, { f_piece: pdfScan, f_ignored: pdfScan });
    expect(first.statusCode).toBe(201);
    const reference = /DA-\d{4}-\d{5}/.exec(first.body)![0];
    const again = await postMultipart(t, 'ndar-toute:citizen', formUrl(), fields, { f_piece: pdfScan, f_ignored: pdfScan });
    expect(again.statusCode).toBe(201);
    expect(again.body).toContain(reference);
    const rows = await procedureRequests();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reference, procedure_id: birth.id, stage: 'received', status: 'received', is_private: true, channel: 'web', reporter_user_id: t.users.get('ndar-toute:citizen') });
    expect(rows[0]!.answers).toMatchObject({ nom_enfant: 'Awa Diop', copies: 2, motif: 'ecole', piece: { filename: 'piece.pdf' } });
    expect(Object.keys(rows[0]!.answers!)).not.toContain('ignored');
    const files = await procedureDb(t.services.db).selectFrom('request_files').selectAll().where('request_id', '=', rows[0]!.id).execute();
    expect(files).toMatchObject([{ field_key: 'piece', media_type: 'application/pdf', commune_id: birth.communeId }]);
    const sms = await t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+221770000005').where('purpose', '=', 'requests.filed').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(reference);
  });

  it('lets a mediator file for someone (channel mediator, audited), never a resident through that door', async () => {
    const url = `/ndar-toute/admin/requests/on-behalf/procedures/${birth.id}`;
    expect((await t.request('ndar-toute:citizen', 'GET', url)).statusCode).toBe(403);
    const list = await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin/requests/on-behalf/procedures');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${url}"`);
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/requests/on-behalf/procedures')).statusCode).toBe(403);
    const missing = await t.request('ndar-toute:mediator', 'POST', url, { f_nom_enfant: 'Moussa Ba', f_copies: '1', person_phone: 'abc' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Numéro de téléphone non valide.');
    const filed = await t.request('ndar-toute:mediator', 'POST', url, { f_nom_enfant: 'Moussa Ba', f_copies: '1', person_name: 'Mame Ba', person_phone: '77 000 00 31' });
    expect(filed.statusCode).toBe(201);
    const row = (await procedureRequests()).at(-1)!;
    expect(row).toMatchObject({ channel: 'mediator', reporter_name: 'Mame Ba', reporter_phone: '+221770000031', recorded_by: t.users.get('ndar-toute:mediator') });
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'request.filed_for_someone').where('resource_id', '=', row.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('answers 404 for a procedure of another commune or without a form', async () => {
    const tiznit = await t.communeId('tiznit-el-jadida');
    const foreign = await t.request('tiznit-el-jadida:citizen', 'GET', `/tiznit-el-jadida/services/${birth.id}/request`);
    expect(foreign.statusCode).toBe(404);
    const post = await t.request('tiznit-el-jadida:citizen', 'POST', `/tiznit-el-jadida/services/${birth.id}/request`, { f_nom_enfant: 'X', f_copies: '1' });
    expect(post.statusCode).toBe(404);
    expect((await procedureRequests()).filter((r) => r.commune_id === tiznit)).toHaveLength(0);
  });
});
