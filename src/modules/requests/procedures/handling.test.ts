import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { canMove, procedureStages } from './stages.js';
import { procedureDb } from './tables.js';
import { accountWithRole, birthForm } from './test-helpers.js';

let t: TestApp;
let officer: string;
let requestId: string;
let reference: string;
let code: string;
beforeAll(async () => {
  t = await createTestApp();
  const birth = await birthForm(t);
  officer = await accountWithRole(t, 'ndar-toute', 'civil_status', '+221770000051');
  const filed = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/services/${birth.id}/request`, { f_nom_enfant: 'Khady Privatename', f_copies: '1' });
  expect(filed.statusCode).toBe(201);
  reference = /DA-\d{4}-\d{5}/.exec(filed.body)![0];
  code = /code=([A-Z0-9]{8})/.exec(filed.body)![1]!;
  requestId = (await procedureDb(t.services.db).selectFrom('requests').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const base = '/ndar-toute/admin/requests/procedures';
const current = () => procedureDb(t.services.db).selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
const move = (from: string, to: string, reason = '', key = officer) => t.request(key, 'POST', `${base}/${requestId}/stage`, { from, to, reason });
const statusMessages = () => t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+221770000005').where('purpose', '=', 'requests.status').orderBy('created_at').execute();

describe('stage rules', () => {
  it('allow exactly the documented moves; collected and refused are final', () => {
    const allowed = procedureStages.flatMap((from) => procedureStages.filter((to) => canMove(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(['in_progress>ready', 'in_progress>refused', 'missing_information>in_progress', 'missing_information>refused', 'ready>collected', 'received>in_progress', 'received>missing_information', 'received>refused'].sort());
    expect(canMove('received', 'resolved')).toBe(false);
  });
});

describe('the civil-status office handles procedure requests', () => {
  it('lists them in its queue, filtered by procedure and stage, without personal data', async () => {
    const queue = await t.request(officer, 'GET', base);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(reference);
    expect(queue.body).not.toContain('Privatename');
    const filtered = await t.request(officer, 'GET', `${base}?stage=ready`);
    expect(filtered.body).not.toContain(reference);
    const admin = await t.request('ndar-toute:admin', 'GET', `${base}?stage=received`);
    expect(admin.body).toContain(reference);
  });

  it('opens a request with its personal data for civil status and admin only, each view audited', async () => {
    const page = await t.request(officer, 'GET', `${base}/${requestId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Khady Privatename');
    const views = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'request.personal_data_viewed').where('resource_id', '=', requestId).execute();
    expect(views).toHaveLength(1);
    expect(views[0]!.actor_user_id).toBe(t.users.get(officer));
    expect((await t.request('ndar-toute:admin', 'GET', `${base}/${requestId}`)).statusCode).toBe(200);
    for (const key of ['ndar-toute:staff', 'ndar-toute:mediator', 'ndar-toute:citizen', 'tiznit-el-jadida:admin']) {
      const denied = await t.request(key, 'GET', `${base}/${requestId}`);
      expect(denied.statusCode, key).toBe(403);
      expect(denied.body).not.toContain('Privatename');
    }
    // Through the complaint handling pages a procedure request does not exist.
    const complaintPage = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/requests/${requestId}`);
    expect(complaintPage.statusCode).toBe(404);
    expect(complaintPage.body).not.toContain('Privatename');
  });

  it('follows the stage rules, asks a reason where needed, refuses stale pages, and tells the requester each time', async () => {
    const skip = await move('received', 'ready');
    expect(skip.statusCode).toBe(422);
    const silent = await move('received', 'missing_information');
    expect(silent.statusCode).toBe(422);
    expect(silent.body).toContain('Indiquez le motif');
    expect((await move('received', 'missing_information', 'Joindre la copie de la pièce d’identité', 'ndar-toute:staff')).statusCode).toBe(403);
    expect((await current()).stage).toBe('received');

    expect((await move('received', 'missing_information', 'Joindre la copie de la pièce d’identité')).statusCode).toBe(303);
    expect(await statusMessages()).toHaveLength(1);
    expect((await statusMessages())[0]!.body).toContain('Informations manquantes');
    const requesterPage = await t.request(null, 'GET', `/ndar-toute/requests/${reference}?code=${code}`);
    expect(requesterPage.body).toContain('Joindre la copie de la pièce d’identité');

    // A second officer on a stale page: the request moved meanwhile.
    expect((await move('received', 'in_progress')).statusCode).toBe(409);

    // The requester's reply with the missing information sends it back to in progress.
    const replied = await t.request(null, 'POST', `/ndar-toute/requests/${reference}/reply`, { body: 'Voici le numéro de ma carte : 123', code });
    expect(replied.statusCode).toBe(303);
    expect((await current()).stage).toBe('in_progress');
    expect(await statusMessages()).toHaveLength(2);

    expect((await move('in_progress', 'ready')).statusCode).toBe(303);
    expect((await current()).ready_at).not.toBeNull();
    expect((await move('ready', 'refused', 'trop tard')).statusCode).toBe(422);
    expect((await move('ready', 'collected')).statusCode).toBe(303);
    const done = await current();
    expect(done).toMatchObject({ stage: 'collected', status: 'collected', is_open: false });
    expect(done.collected_at).not.toBeNull();
    expect((await move('collected', 'in_progress')).statusCode).toBe(422);
    const messages = await statusMessages();
    expect(messages.map((m) => m.body.includes(reference))).toEqual([true, true, true, true]);
    expect(messages.at(-1)!.body).toContain('Retirée');
    const audits = await t.services.db.selectFrom('audit_log').select('details').where('action', '=', 'request.procedure.stage_changed').where('resource_id', '=', requestId).execute();
    expect(audits).toHaveLength(3);
  });

  it('keeps the refusal reason in the event and tells the requester', async () => {
    const birthId = (await current()).procedure_id!;
    const filed = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/services/${birthId}/request`, { f_nom_enfant: 'Autre', f_copies: '1' });
    const other = /DA-\d{4}-\d{5}/.exec(filed.body)![0];
    const row = await procedureDb(t.services.db).selectFrom('requests').select('id').where('reference', '=', other).executeTakeFirstOrThrow();
    const refused = await t.request(officer, 'POST', `${base}/${row.id}/stage`, { from: 'received', to: 'refused', reason: 'Acte introuvable dans nos registres' });
    expect(refused.statusCode).toBe(303);
    const event = await procedureDb(t.services.db).selectFrom('request_events').selectAll().where('request_id', '=', row.id).where('kind', '=', 'status').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ status: 'refused', reason: 'Acte introuvable dans nos registres', author: 'commune' });
    const page = await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/requests/${other}`);
    expect(page.body).toContain('Acte introuvable dans nos registres');
    expect((await statusMessages()).at(-1)!.body).toContain('Refusée');
  });
});
