import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { complaintInput, fileComplaint } from '../commands/complaint-commands.js';
import type { Request } from '../db/tables.js';
import { requestsDb, scoped } from '../queries/requests-db.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;

const commune = (id: string) => t.services.db.selectFrom('communes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const category = (communeId: string, code: string) => scoped(t.services.db, communeId).selectFrom('request_categories').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const reload = (request: Request) => scoped(t.services.db, request.commune_id).selectFrom('requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
const eventsOf = (request: Request) => scoped(t.services.db, request.commune_id).selectFrom('request_events').selectAll().where('request_id', '=', request.id).orderBy('created_at').execute();
const auditsOf = (request: Request) => t.services.db.selectFrom('audit_log').selectAll().where('resource_type', '=', 'request').where('resource_id', '=', request.id).execute();
const outboxTo = (recipient: string) => t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', recipient).execute();
const page = (request: Request) => `/ndar-toute/admin/requests/${request.id}`;

let phoneCounter = 100;
/** A complaint with a reporter who can be told (a fresh phone each time, to count their messages). */
async function complaint(options: { code?: string; neighbourhood?: string; name?: string; communeId?: string; filedAt?: Date } = {}) {
  const communeId = options.communeId ?? ndarId;
  const phone = `+22177000${String(phoneCounter++).padStart(4, '0')}`;
  const input = complaintInput((await category(communeId, options.code ?? 'roads')).id, 'Un caniveau bouché inonde la rue à chaque pluie.', {
    neighbourhood: options.neighbourhood ?? 'Sor',
    reporter: { userId: null, name: options.name ?? 'Aïssatou Reporter', phone, email: null, locale: 'fr' },
  });
  const { request, accessCode } = await fileComplaint(t.services.db, await commune(communeId), input, options.filedAt);
  return { request, accessCode, phone };
}

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

describe('the queue', () => {
  it('lists open complaints with their facts, overdue ones first and then the oldest', async () => {
    const old = await complaint({ filedAt: new Date('2026-01-05T09:00:00Z') });
    await requestsDb(t.services.db).updateTable('requests').set({ due_on: '2026-01-10' }).where('id', '=', old.request.id).execute();
    const fresh = await complaint();
    const response = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/requests');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain(fresh.request.reference);
    expect(body.indexOf(old.request.reference)).toBeLessThan(body.indexOf(fresh.request.reference));
    expect(body).toMatch(new RegExp(`<tr class="overdue">\\s*<th scope="row"><a href="[^"]+">${old.request.reference}`));
    expect(body).toContain('en retard');
    expect(body).not.toContain('Aïssatou Reporter');
  });

  it('filters by service, state, neighbourhood, category, overdue only and assigned to me', async () => {
    const inLeona = await complaint({ neighbourhood: 'Léona', code: 'lighting' });
    const elsewhere = await complaint({ neighbourhood: 'Balacoss', code: 'waste' });
    const get = async (query: string) => (await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/requests?${query}`)).body;
    let body = await get('neighbourhood=L%C3%A9ona');
    expect(body).toContain(inLeona.request.reference);
    expect(body).not.toContain(elsewhere.request.reference);
    body = await get('category=waste');
    expect(body).toContain(elsewhere.request.reference);
    expect(body).not.toContain(inLeona.request.reference);
    body = await get(`service=${elsewhere.request.service_id}`);
    expect(body).toContain(elsewhere.request.reference);
    expect(body).not.toContain(inLeona.request.reference);
    body = await get('overdue=on');
    expect(body).not.toContain(inLeona.request.reference);
    await t.request('ndar-toute:staff', 'POST', `${page(inLeona.request)}/assign`, { service: inLeona.request.service_id!, assignee: t.users.get('ndar-toute:staff')! });
    body = await get('mine=on');
    expect(body).toContain(inLeona.request.reference);
    expect(body).not.toContain(elsewhere.request.reference);
    await t.request('ndar-toute:staff', 'POST', `${page(elsewhere.request)}/state`, { state: 'acknowledged', seen_status: 'received', note: '' });
    body = await get('state=acknowledged');
    expect(body).toContain(elsewhere.request.reference);
    expect(body).not.toContain(inLeona.request.reference);
    expect(await get('state=no-such-state')).toContain('Aucune plainte ne correspond.');
  });

  it('a sensitive complaint is not listed to plain staff, only to administrators and its assignee', async () => {
    const sensitive = await complaint({ code: 'staff-conduct' });
    expect(sensitive.request.sensitive).toBe(true);
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/requests')).body).not.toContain(sensitive.request.reference);
    expect((await t.request('ndar-toute:staff', 'GET', page(sensitive.request))).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'POST', `${page(sensitive.request)}/note`, { internal_note: 'curieux' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/requests')).body).toContain(sensitive.request.reference);
    // Handed to this officer by the administrator: now theirs to read.
    await requestsDb(t.services.db).updateTable('requests').set({ assignee_id: t.users.get('ndar-toute:staff')! }).where('id', '=', sensitive.request.id).execute();
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/requests')).body).toContain(sensitive.request.reference);
    expect((await t.request('ndar-toute:staff', 'GET', page(sensitive.request))).statusCode).toBe(200);
  });

  it('is for staff: a citizen, a mediator and a visitor are refused', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/requests')).statusCode).toBe(403);
    expect((await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin/requests')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/ndar-toute/admin/requests')).statusCode).toBe(303);
  });
});

describe('the dashboard', () => {
  it('shows per service the open and overdue complaints, resolution times and the share answered on time, as a chart and a table', async () => {
    const db = requestsDb(t.services.db);
    const service = await db.insertInto('request_services').values({ commune_id: ndarId, name: JSON.stringify({ fr: 'Brigade des tableaux de bord' }) }).returning('id').executeTakeFirstOrThrow();
    const now = Date.now();
    const answered = async (filedDaysAgo: number, answeredDaysAgo: number, dueDaysAgo: number) => {
      const { request } = await complaint();
      const day = (n: number) => new Date(now - n * 86_400_000);
      await db.updateTable('requests').set({ service_id: service.id, created_at: day(filedDaysAgo), answered_at: day(answeredDaysAgo), due_on: day(dueDaysAgo).toISOString().slice(0, 10), is_open: false, status: 'resolved', stage: 'resolved' }).where('id', '=', request.id).execute();
    };
    await answered(10, 8, 5); // 2 days, on time
    await answered(10, 6, 5); // 4 days, on time
    await answered(20, 8, 15); // 12 days, late
    const overdue = await complaint();
    await db.updateTable('requests').set({ service_id: service.id, due_on: '2026-01-01' }).where('id', '=', overdue.request.id).execute();
    const response = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/requests/dashboard');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<svg');
    const row = new RegExp('<tr>\\s*<th scope="row">Brigade des tableaux de bord</th>\\s*<td>1</td>\\s*<td>1</td>\\s*<td>6</td>\\s*<td>4</td>\\s*<td>67 %</td>');
    expect(response.body).toMatch(row);
  });
});

describe('the handling page', () => {
  it('shows staff the reporter’s name and contact and the full timeline; the public page shows neither the identity nor the notes', async () => {
    const { request, phone } = await complaint({ name: 'Ndèye Identité Secrète' });
    await t.request('ndar-toute:staff', 'POST', `${page(request)}/note`, { internal_note: 'Note interne confidentielle' });
    const staffPage = await t.request('ndar-toute:staff', 'GET', page(request));
    expect(staffPage.statusCode).toBe(200);
    expect(staffPage.body).toContain('Ndèye Identité Secrète');
    expect(staffPage.body).toContain(phone);
    expect(staffPage.body).toContain('Note interne confidentielle');
    const publicPage = await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).not.toContain('Ndèye Identité Secrète');
    expect(publicPage.body).not.toContain(phone);
    expect(publicPage.body).not.toContain('Note interne confidentielle');
  });

  it('sends an access-to-information request to its own page', async () => {
    const info = await requestsDb(t.services.db)
      .insertInto('requests')
      .values({ commune_id: ndarId, kind: 'information', reference: 'AI-2026-09999', access_code_hash: 'x', description: 'Le budget 2026', subject: 'Budget', status: 'submitted', stage: 'submitted', channel: 'web', submitted_on: '2026-11-02' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/requests/${info.id}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/ndar-toute/admin/requests/information/${info.id}`);
  });

  it('changes the state with a public note: event, audit row, the reporter told', async () => {
    const { request, phone } = await complaint();
    const response = await t.request('ndar-toute:staff', 'POST', `${page(request)}/state`, { state: 'in_progress', seen_status: 'received', note: 'L’équipe passe jeudi.' });
    expect(response.statusCode).toBe(303);
    expect((await reload(request)).status).toBe('in_progress');
    const event = (await eventsOf(request)).find((e) => e.kind === 'status')!;
    expect(event.body).toBe('L’équipe passe jeudi.');
    expect(event.actor_user_id).toBe(t.users.get('ndar-toute:staff'));
    expect((await auditsOf(request)).map((a) => a.action)).toContain('request.status_changed');
    const sms = await outboxTo(phone);
    expect(sms.some((m) => m.purpose === 'requests.status' && m.body.includes(request.reference))).toBe(true);
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}`)).body).toContain('L’équipe passe jeudi.');
  });

  it('refuses a rejection without its reason, keeps the form, changes nothing', async () => {
    const { request, phone } = await complaint();
    const response = await t.request('ndar-toute:staff', 'POST', `${page(request)}/state`, { state: 'rejected', seen_status: 'received', note: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Un rejet doit être motivé');
    expect((await reload(request)).status).toBe('received');
    expect(await outboxTo(phone)).toHaveLength(0);
    expect(await auditsOf(request)).toHaveLength(0);
    const refusedReopen = await t.request('ndar-toute:staff', 'POST', `${page(request)}/state`, { state: 'reopened', seen_status: 'received', note: 'x' });
    expect(refusedReopen.statusCode).toBe(422);
  });

  it('tells the officer when the state changed meanwhile and keeps what they typed', async () => {
    const { request } = await complaint();
    await t.request('ndar-toute:admin', 'POST', `${page(request)}/state`, { state: 'acknowledged', seen_status: 'received', note: '' });
    const response = await t.request('ndar-toute:staff', 'POST', `${page(request)}/state`, { state: 'resolved', seen_status: 'received', note: 'Texte tapé pendant que l’autre agissait' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Quelqu’un a changé l’état de cette plainte');
    expect(response.body).toContain('Texte tapé pendant que l’autre agissait');
    expect((await reload(request)).status).toBe('acknowledged');
  });

  it('assigns to a service and a person: the public sees the service only, the reporter is not messaged', async () => {
    const { request, phone } = await complaint();
    const db = requestsDb(t.services.db);
    const service = await db.insertInto('request_services').values({ commune_id: ndarId, name: JSON.stringify({ fr: 'Cellule des caniveaux' }) }).returning('id').executeTakeFirstOrThrow();
    const response = await t.request('ndar-toute:admin', 'POST', `${page(request)}/assign`, { service: service.id, assignee: t.users.get('ndar-toute:staff')! });
    expect(response.statusCode).toBe(303);
    const row = await reload(request);
    expect(row.service_id).toBe(service.id);
    expect(row.assignee_id).toBe(t.users.get('ndar-toute:staff'));
    const event = (await eventsOf(request)).find((e) => e.kind === 'assigned')!;
    expect(event.public_body).toBe('Cellule des caniveaux');
    expect(event.body).toContain('Ousmane Diallo');
    expect((await auditsOf(request)).map((a) => a.action)).toEqual(['request.assigned']);
    expect(await outboxTo(phone)).toHaveLength(0);
    expect((await t.request('ndar-toute:staff', 'GET', page(request))).body).toContain('Ousmane Diallo');
    const publicPage = (await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}`)).body;
    expect(publicPage).not.toContain('Ousmane Diallo');
    const refused = await t.request('ndar-toute:admin', 'POST', `${page(request)}/assign`, { service: service.id, assignee: t.users.get('ndar-toute:citizen')! });
    expect(refused.statusCode).toBe(422);
    expect((await reload(request)).assignee_id).toBe(t.users.get('ndar-toute:staff'));
  });

  it('a public message is on the public page; a private one only for the reporter; both tell the reporter', async () => {
    const { request, accessCode, phone } = await complaint();
    await t.request('ndar-toute:staff', 'POST', `${page(request)}/message`, { message: 'Message public de la mairie', visibility: 'public' });
    await t.request('ndar-toute:staff', 'POST', `${page(request)}/message`, { message: 'Message privé de la mairie', visibility: 'private' });
    const publicPage = (await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}`)).body;
    expect(publicPage).toContain('Message public de la mairie');
    expect(publicPage).not.toContain('Message privé de la mairie');
    const reporterPage = (await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}?code=${accessCode}`)).body;
    expect(reporterPage).toContain('Message privé de la mairie');
    expect((await outboxTo(phone)).filter((m) => m.purpose === 'requests.message')).toHaveLength(2);
    expect((await auditsOf(request)).filter((a) => a.action === 'request.message_sent')).toHaveLength(2);
    const empty = await t.request('ndar-toute:staff', 'POST', `${page(request)}/message`, { message: '  ', visibility: 'public' });
    expect(empty.statusCode).toBe(422);
  });

  it('an internal note is seen by staff only, never by the reporter or the public, and nobody is messaged', async () => {
    const { request, accessCode, phone } = await complaint();
    const response = await t.request('ndar-toute:staff', 'POST', `${page(request)}/note`, { internal_note: 'Le chef de quartier connaît le propriétaire' });
    expect(response.statusCode).toBe(303);
    const event = (await eventsOf(request)).find((e) => e.kind === 'note')!;
    expect(event.is_public).toBe(false);
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}?code=${accessCode}`)).body).not.toContain('Le chef de quartier');
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${request.reference}`)).body).not.toContain('Le chef de quartier');
    expect((await t.request('ndar-toute:staff', 'GET', page(request))).body).toContain('Le chef de quartier');
    expect(await outboxTo(phone)).toHaveLength(0);
    expect((await auditsOf(request)).map((a) => a.action)).toEqual(['request.note_added']);
  });
});

describe('another commune', () => {
  it('its staff cannot read nor change a complaint, by either commune’s address, and nothing changes', async () => {
    const { request } = await complaint();
    const before = JSON.stringify(await reload(request));
    const eventsBefore = (await eventsOf(request)).length;
    for (const key of ['tiznit-el-jadida:staff', 'tiznit-el-jadida:admin']) {
      expect((await t.request(key, 'GET', page(request))).statusCode).toBe(403);
      expect((await t.request(key, 'GET', `/tiznit-el-jadida/admin/requests/${request.id}`)).statusCode).toBe(404);
      expect((await t.request(key, 'POST', `/tiznit-el-jadida/admin/requests/${request.id}/state`, { state: 'resolved', seen_status: 'received', note: 'x' })).statusCode).toBe(404);
      expect((await t.request(key, 'POST', `/tiznit-el-jadida/admin/requests/${request.id}/note`, { internal_note: 'x' })).statusCode).toBe(404);
      expect((await t.request(key, 'POST', `${page(request)}/message`, { message: 'x', visibility: 'public' })).statusCode).toBe(403);
      expect((await t.request(key, 'GET', '/tiznit-el-jadida/admin/requests?state=all')).body).not.toContain(request.reference);
    }
    expect(JSON.stringify(await reload(request))).toBe(before);
    expect(await eventsOf(request)).toHaveLength(eventsBefore);
  });

  it('its own queue lists its own complaints only', async () => {
    const theirs = await complaint({ communeId: tiznitId, code: 'waste', neighbourhood: 'الرحمة' });
    const ours = await complaint();
    const body = (await t.request('tiznit-el-jadida:staff', 'GET', '/tiznit-el-jadida/admin/requests')).body;
    expect(body).toContain(theirs.request.reference);
    expect(body).not.toContain(ours.request.reference);
  });
});
