import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { requestsDb, scoped } from './queries/requests-db.js';

// Issue 12: a citizen on a flaky network resends the filing form; one complaint (or information request) is
// stored and every resend gets the first answer, with the same reference and tracking code.
let t: TestApp;
let ndarId: string;
let wasteId: string;

const referenceIn = (html: string) => /((?:PL|AI)-\d{4}-\d{5})/.exec(html)?.[1];
const codeIn = (html: string) => /Code de suivi : ([A-Z0-9]{8})/.exec(html)?.[1];
const storedWith = async (marker: string) => (await requestsDb(t.services.db).selectFrom('requests').select(['reference', 'photo_file_id']).where('description', 'like', `%${marker}%`).execute());
const keyRow = (key: string) => t.services.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
const keyOfForm = (html: string) => /name="_idempotency" value="([^"]+)"/.exec(html)?.[1];

/** The complaint form as a signed-in citizen sends it, with its idempotency key. */
function fileComplaint(key: string, marker: string, more: Record<string, string> = {}, files = {}) {
  return postMultipart(t, 'ndar-toute:citizen', '/ndar-toute/requests/new', { category: wasteId, description: `Des ordures brûlent près du puits. ${marker}`, neighbourhood: 'Pikine', _idempotency: key, ...more }, files);
}

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  wasteId = (await scoped(t.services.db, ndarId).selectFrom('request_categories').select('id').where('code', '=', 'waste').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('filing a complaint twice with one idempotency key', () => {
  it('gives every rendering of the form its own key', async () => {
    const [a, b] = [keyOfForm((await t.request(null, 'GET', '/ndar-toute/requests/new')).body), keyOfForm((await t.request(null, 'GET', '/ndar-toute/requests/new')).body)];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('stores one complaint and answers the resend with the same reference and tracking code', async () => {
    const key = randomUUID();
    const first = await fileComplaint(key, 'marker-replay');
    const again = await fileComplaint(key, 'marker-replay');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(referenceIn(again.body)).toBe(referenceIn(first.body));
    expect(codeIn(again.body)).toBe(codeIn(first.body));
    expect(await storedWith('marker-replay')).toEqual([{ reference: referenceIn(first.body), photo_file_id: null }]);
    // The tracking code is shown once; the stored answer keeps it sealed.
    expect((await keyRow(key))?.body).not.toContain(codeIn(first.body)!);
  });

  it('refuses the same key with another text (422) and stores nothing more', async () => {
    const key = randomUUID();
    expect((await fileComplaint(key, 'marker-other-a')).statusCode).toBe(201);
    const other = await fileComplaint(key, 'marker-other-b');
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('déjà été envoyé avec un autre contenu');
    expect(await storedWith('marker-other-b')).toEqual([]);
  });

  it('answers two concurrent identical sends with one complaint and the same reference', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([fileComplaint(key, 'marker-concurrent'), fileComplaint(key, 'marker-concurrent')]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(referenceIn(a.body)).toBeTruthy();
    expect(referenceIn(b.body)).toBe(referenceIn(a.body));
    expect(await storedWith('marker-concurrent')).toHaveLength(1);
  });

  it('leaves no key and no complaint when the filing fails midway, so the resend files it', async () => {
    const key = randomUUID();
    const photo = { content: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer(), filename: 'puits.png', type: 'image/png' };
    const storage = t.services.storage;
    const put = storage.put;
    // The disk fills up while the photo is written: the request fails after the key was inserted.
    storage.put = async () => {
      throw new Error('disk full');
    };
    try {
      expect((await fileComplaint(key, 'marker-failure', {}, { photo })).statusCode).toBe(500);
    } finally {
      storage.put = put;
    }
    expect(await keyRow(key)).toBeUndefined();
    expect(await storedWith('marker-failure')).toEqual([]);
    const resent = await fileComplaint(key, 'marker-failure', {}, { photo });
    expect(resent.statusCode).toBe(201);
    expect(resent.headers['idempotent-replayed']).toBeUndefined();
    const stored = await storedWith('marker-failure');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.photo_file_id).toBeTruthy();
  });

  it('keeps a refused photo from taking the key: the corrected form goes through with it', async () => {
    const key = randomUUID();
    const notAnImage = { content: Buffer.from('plain text, not a photo'), filename: 'photo.png', type: 'image/png' };
    expect((await fileComplaint(key, 'marker-photo', {}, { photo: notAnImage })).statusCode).toBe(422);
    expect(await keyRow(key)).toBeUndefined();
    expect((await fileComplaint(key, 'marker-photo')).statusCode).toBe(201);
    expect(await storedWith('marker-photo')).toHaveLength(1);
  });
});

describe('a mediator filing for someone twice with one idempotency key', () => {
  it('stores one complaint, audits it once, and answers the resend with the same reference', async () => {
    const key = randomUUID();
    const form = { category: wasteId, description: 'Dépôt sauvage derrière le marché. marker-on-behalf', name: 'Coumba Sall', _idempotency: key };
    const first = await postMultipart(t, 'ndar-toute:mediator', '/ndar-toute/admin/requests/on-behalf', form);
    const again = await postMultipart(t, 'ndar-toute:mediator', '/ndar-toute/admin/requests/on-behalf', form);
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(referenceIn(again.body)).toBe(referenceIn(first.body));
    expect(await storedWith('marker-on-behalf')).toHaveLength(1);
    const filed = await requestsDb(t.services.db).selectFrom('requests').select('id').where('reference', '=', referenceIn(first.body)!).executeTakeFirstOrThrow();
    const audits = await t.services.db.selectFrom('audit_log').select('id').where('action', '=', 'request.filed_for_someone').where('resource_id', '=', filed.id).execute();
    expect(audits).toHaveLength(1);
  });
});

describe('filing an information request twice with one idempotency key', () => {
  const form = (marker: string, key: string) => ({ subject: 'Budget 2026', description: `Je demande le budget primitif 2026. ${marker}`, answer_form: 'paper', _idempotency: key });

  it('carries a key in the form, stores one request and replays the first answer', async () => {
    expect(keyOfForm((await t.request(null, 'GET', '/ndar-toute/requests/information/new')).body)).toMatch(/^[0-9a-f-]{36}$/);
    const key = randomUUID();
    const first = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/requests/information/new', form('marker-ati', key));
    const again = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/requests/information/new', form('marker-ati', key));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(referenceIn(again.body)).toBe(referenceIn(first.body));
    expect(await storedWith('marker-ati')).toHaveLength(1);
    const other = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/requests/information/new', form('marker-ati-other', key));
    expect(other.statusCode).toBe(422);
    expect(await storedWith('marker-ati-other')).toEqual([]);
  });
});
