import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { changeComplaintStatus, reopenComplaint } from './commands/complaint-commands.js';
import { routeComplaint } from './commands/routing.js';
import { requestsDb, scoped } from './queries/requests-db.js';
import { normaliseReference } from './reference.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;

const categoryId = async (communeId: string, code: string) => (await scoped(t.services.db, communeId).selectFrom('request_categories').selectAll().where('code', '=', code).executeTakeFirstOrThrow());
const requestByReference = (communeId: string, reference: string) => scoped(t.services.db, communeId).selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
const referenceIn = (html: string) => /Numéro de référence : (PL-\d{4}-\d{5})/.exec(html)?.[1];
const codeIn = (html: string) => /Code de suivi : ([A-Z0-9]{8})/.exec(html)?.[1];
const countRequests = async () => Number((await requestsDb(t.services.db).selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function fileAnonymously(fields: Record<string, string>, files = {}) {
  const waste = await categoryId(ndarId, 'waste');
  return postMultipart(t, null as unknown as string, '/ndar-toute/requests/new', { category: waste.id, description: 'Des ordures brûlent à ciel ouvert près du puits.', neighbourhood: 'Pikine', ...fields }, files);
}

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

describe('filing a complaint without an account', () => {
  it('records it, routes it to its service, sets the deadline in working days and gives a reference and a tracking code', async () => {
    const response = await fileAnonymously({ name: 'Awa Ndiaye', contact: '77 000 00 12', latitude: '16,0326', longitude: '-16.4890' });
    expect(response.statusCode).toBe(201);
    const reference = referenceIn(response.body)!;
    expect(reference).toMatch(/^PL-\d{4}-\d{5}$/);
    expect(codeIn(response.body)).toBeTruthy();
    const row = await requestByReference(ndarId, reference);
    expect(row.status).toBe('received');
    expect(row.latitude).toBeCloseTo(16.0326);
    expect(row.reporter_phone).toBe('+221770000012');
    const hygiene = await scoped(t.services.db, ndarId).selectFrom('request_services').select('id').where(({ eb, ref }) => eb(ref('name', '->>').key('fr'), 'like', '%hygiène%')).executeTakeFirstOrThrow();
    expect(row.service_id).toBe(hygiene.id);
    // Waste: 5 working days, so at least 7 calendar days away when the weekend falls in between.
    expect(row.due_on! > row.submitted_on).toBe(true);
    const sms = await t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+221770000012').executeTakeFirstOrThrow();
    expect(sms.body).toContain(reference);
    expect(sms.body).toContain(codeIn(response.body)!);
  });

  it('shows the public page to anyone, without the reporter’s name or contact', async () => {
    const filed = await fileAnonymously({ name: 'Moussa Diop Secret', contact: 'moussa.secret@example.org' });
    const reference = referenceIn(filed.body)!;
    const page = await t.request(null, 'GET', `/ndar-toute/requests/${reference}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Des ordures brûlent');
    expect(page.body).not.toContain('Moussa Diop Secret');
    expect(page.body).not.toContain('moussa.secret');
    const list = await t.request(null, 'GET', '/ndar-toute/requests');
    expect(list.body).toContain(reference);
    expect(list.body).not.toContain('Moussa Diop Secret');
  });

  it('keeps every typed field and says what is wrong for each invalid one, storing nothing', async () => {
    const before = await countRequests();
    const response = await postMultipart(t, null as unknown as string, '/ndar-toute/requests/new', { description: '', neighbourhood: 'Atlantis', latitude: '95', contact: 'pas un numéro', name: 'Fatou' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Choisissez une catégorie.');
    expect(response.body).toContain('Choisissez un quartier de la liste.');
    expect(response.body).toContain('Saisissez un nombre en degrés décimaux');
    expect(response.body).toContain('Saisissez un numéro de téléphone ou une adresse e-mail valide.');
    expect(response.body).toContain('value="Fatou"');
    expect(await countRequests()).toBe(before);
  });

  it('refuses a file that is not a photo, before anything is stored, and keeps the text', async () => {
    const before = await countRequests();
    const files = await t.services.db.selectFrom('stored_files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const response = await fileAnonymously({ description: 'Texte à ne pas perdre' }, { photo: { content: Buffer.from('%PDF-1.4 not a photo'), filename: 'x.jpg', type: 'image/jpeg' } });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Texte à ne pas perdre');
    expect(response.body).toContain('n’est pas une photo');
    expect(await countRequests()).toBe(before);
    expect((await t.services.db.selectFrom('stored_files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toBe(files.n);
  });

  it('refuses a photo over the size limit with a clear message and keeps the text', async () => {
    const small = await createTestApp({ seed: true, env: { UPLOAD_MAX_MB: '0.01' } });
    try {
      const waste = await scoped(small.services.db, await small.communeId('ndar-toute')).selectFrom('request_categories').select('id').where('code', '=', 'waste').executeTakeFirstOrThrow();
      const big = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
      const response = await postMultipart(small, null as unknown as string, '/ndar-toute/requests/new', { category: waste.id, description: 'Le texte reste là' }, { photo: { content: big, filename: 'big.png', type: 'image/png' } });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('La photo est trop lourde');
      expect(response.body).toContain('Le texte reste là');
    } finally {
      await small.close();
    }
  });

  it('accepts a real photo and serves it re-encoded', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884400' } }).jpeg().toBuffer();
    const response = await fileAnonymously({}, { photo: { content: photo, filename: 'tas.jpg', type: 'image/jpeg' } });
    expect(response.statusCode).toBe(201);
    const row = await requestByReference(ndarId, referenceIn(response.body)!);
    expect(row.photo_file_id).toBeTruthy();
  });
});

describe('privacy', () => {
  it('a private complaint is "not found" to the public and to another commune, readable with its code and by staff', async () => {
    const filed = await fileAnonymously({ private: 'on' });
    const reference = referenceIn(filed.body)!;
    const code = codeIn(filed.body)!;
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}?code=WRONGCODE`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}?code=${code.toLowerCase()}`)).statusCode).toBe(200);
    expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/requests/${reference}`)).statusCode).toBe(200);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/requests/${reference}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/requests')).body).not.toContain(reference);
  });

  it('a complaint in a sensitive category is private and goes to the designated person, not to every officer', async () => {
    const conduct = await categoryId(ndarId, 'staff-conduct');
    const response = await postMultipart(t, 'ndar-toute:citizen', '/ndar-toute/requests/new', { category: conduct.id, description: 'Un agent a demandé de l’argent pour un acte.' });
    const row = await requestByReference(ndarId, referenceIn(response.body)!);
    expect(row.is_private).toBe(true);
    expect(row.sensitive).toBe(true);
    expect(row.assignee_id).toBe(t.users.get('ndar-toute:admin'));
    expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/requests/${row.reference}`)).statusCode).toBe(404);
    expect((await t.request('ndar-toute:admin', 'GET', `/ndar-toute/requests/${row.reference}`)).statusCode).toBe(200);
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/requests/${row.reference}`)).statusCode).toBe(200);
  });
});

describe('following by reference', () => {
  it('finds a public request from a loosely typed reference, without an account', async () => {
    const filed = await fileAnonymously({});
    const reference = referenceIn(filed.body)!;
    const typed = reference.replace(/-/g, ' ').toLowerCase().replace(/ 0+/, ' ');
    const response = await t.request(null, 'GET', `/ndar-toute/requests/follow?reference=${encodeURIComponent(typed)}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/ndar-toute/requests/${reference}`);
    const unknown = await t.request(null, 'GET', '/ndar-toute/requests/follow?reference=PL-1999-00001');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Aucune demande publique ne porte ce numéro');
  });

  it('normalises references and refuses anything else', () => {
    expect(normaliseReference('pl 2026 42')).toBe('PL-2026-00042');
    expect(normaliseReference('AI-2026-00007')).toBe('AI-2026-00007');
    expect(normaliseReference('<script>')).toBeNull();
    expect(normaliseReference('PL-2026')).toBeNull();
  });
});

describe('routing and states', () => {
  it('a neighbourhood route wins over the category route, which wins over the default service', async () => {
    const db = requestsDb(t.services.db);
    const roads = await categoryId(ndarId, 'roads');
    const special = await db.insertInto('request_services').values({ commune_id: ndarId, name: JSON.stringify({ fr: 'Brigade de Guet Ndar' }) }).returning('id').executeTakeFirstOrThrow();
    const fallback = await db.insertInto('request_services').values({ commune_id: ndarId, name: JSON.stringify({ fr: 'Secrétariat' }) }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('request_routes').values({ commune_id: ndarId, category_id: roads.id, neighbourhood: 'Guet Ndar', service_id: special.id }).execute();
    const general = await scoped(t.services.db, ndarId).selectFrom('request_routes').select('service_id').where('category_id', '=', roads.id).where('neighbourhood', 'is', null).executeTakeFirstOrThrow();
    expect(await routeComplaint(t.services.db, ndarId, roads, 'Guet Ndar')).toBe(special.id);
    expect(await routeComplaint(t.services.db, ndarId, roads, 'Sor')).toBe(general.service_id);
    expect(await routeComplaint(t.services.db, ndarId, roads, null)).toBe(general.service_id);
    const other = await categoryId(tiznitId, 'civil-status');
    expect(await routeComplaint(t.services.db, tiznitId, { ...other, default_service_id: null }, null)).toBeNull();
    expect(await routeComplaint(t.services.db, tiznitId, { ...other, default_service_id: fallback.id }, null)).toBe(fallback.id);
  });

  it('a rejection needs its reason; "reopened" is the citizen’s, within 30 days of the resolution', async () => {
    const filed = await fileAnonymously({});
    let row = await requestByReference(ndarId, referenceIn(filed.body)!);
    await expect(changeComplaintStatus(t.services.db, row, { stateCode: 'rejected', note: null, actorUserId: null })).rejects.toThrow(/reason/);
    await expect(changeComplaintStatus(t.services.db, row, { stateCode: 'reopened', note: 'x', actorUserId: null })).rejects.toThrow();
    await expect(reopenComplaint(t.services.db, row, 'pas réglé')).rejects.toThrow();
    const resolvedAt = new Date('2026-03-02T10:00:00Z');
    row = await changeComplaintStatus(t.services.db, row, { stateCode: 'resolved', note: 'Ramassé.', actorUserId: null }, resolvedAt);
    expect(row.is_open).toBe(false);
    expect(row.answered_at).toEqual(resolvedAt);
    await expect(reopenComplaint(t.services.db, row, 'toujours là', new Date('2026-04-02T10:00:00Z'))).rejects.toThrow(/reopenable/);
    row = await reopenComplaint(t.services.db, row, 'toujours là', new Date('2026-03-30T10:00:00Z'));
    expect(row.status).toBe('reopened');
    expect(row.is_open).toBe(true);
    expect(row.answered_at).toEqual(resolvedAt);
  });

  it('two officers changing the state at once: the second one is told, nothing is overwritten', async () => {
    const filed = await fileAnonymously({});
    const row = await requestByReference(ndarId, referenceIn(filed.body)!);
    await changeComplaintStatus(t.services.db, row, { stateCode: 'acknowledged', note: null, actorUserId: null });
    await expect(changeComplaintStatus(t.services.db, row, { stateCode: 'in_progress', note: null, actorUserId: null })).rejects.toThrow(/changed meanwhile/);
  });
});

describe('the person who filed replies and reopens without an account', () => {
  it('replies with the tracking code; the message is kept out of the public page', async () => {
    const filed = await fileAnonymously({});
    const reference = referenceIn(filed.body)!;
    const code = codeIn(filed.body)!;
    expect((await t.request(null, 'POST', `/ndar-toute/requests/${reference}/reply`, { body: 'Une précision', code: 'BADCODE1' })).statusCode).toBe(403);
    const reply = await t.request(null, 'POST', `/ndar-toute/requests/${reference}/reply`, { body: 'Le puits est à côté de l’école.', code });
    expect(reply.statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}?code=${code}`)).body).toContain('Le puits est à côté de l’école.');
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}`)).body).not.toContain('Le puits est à côté de l’école.');
  });
});
