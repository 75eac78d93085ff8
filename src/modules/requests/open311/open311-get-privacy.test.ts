import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { publicBaseUrl } from '../../../platform/config/config.js';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { postMultipart } from '../../../test-support/multipart.js';
import { addMessage, changeComplaintStatus } from '../commands/complaint-commands.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { childText } from './xml-reader.js';
import { base, expectError, expectExactKeys, expectJson, expectXml, expectXmlKeys, filed, get, keys, ndarId, openOpen311App, post, requestFields, requestRow, t, tiznitId, w3cDateTime, type Json } from './open311-test-helpers.js';

beforeAll(openOpen311App);
afterAll(() => t.close());

describe('Open311 GET requests', () => {
  let openRef: string;
  let closedRef: string;
  let oldRef: string;

  beforeAll(async () => {
    openRef = await filed({ description: 'Ouvert' });
    closedRef = await filed({ service_code: 'lighting', description: 'Lampadaire réparé' });
    oldRef = await filed({ description: 'Ancien' });
    const closed = await requestRow(ndarId, closedRef);
    const resolved = await changeComplaintStatus(t.services.db, closed, { stateCode: 'resolved', note: 'Lampadaire changé', actorUserId: null });
    await addMessage(t.services.db, resolved, { author: 'commune', actorUserId: null, body: 'Le lampadaire a été remplacé.', isPublic: true });
    await requestsDb(t.services.db).updateTable('requests').set({ created_at: new Date(Date.now() - 100 * 86_400_000) }).where('commune_id', '=', ndarId).where('reference', '=', oldRef).execute();
  });

  it('lists public complaints of the last 90 days with exactly the spec’s fields, in JSON and XML', async () => {
    const list = expectJson(await get(`${base}/requests.json`));
    const references = list.map((r) => r.service_request_id);
    expect(references).toContain(openRef);
    expect(references).toContain(closedRef);
    expect(references).not.toContain(oldRef);
    for (const request of list) {
      expectExactKeys(request, requestFields, String(request.service_request_id));
      expect(['open', 'closed']).toContain(request.status);
      expect(request.requested_datetime).toMatch(w3cDateTime);
      expect(request.updated_datetime).toMatch(w3cDateTime);
      if (request.expected_datetime !== null) expect(request.expected_datetime).toMatch(w3cDateTime);
    }
    const xml = expectXml(await get(`${base}/requests.xml`));
    expect(xml.name).toBe('service_requests');
    expect(xml.children.length).toBe(list.length);
    for (const request of xml.children) expectXmlKeys(request, 'request', requestFields);
  });

  it('maps states to open/closed, shows the latest public note, the service and the deadline', async () => {
    const [closed] = expectJson(await get(`${base}/requests/${closedRef}.json`));
    expect(closed!.status).toBe('closed');
    expect(closed!.status_notes).toBe('Le lampadaire a été remplacé.');
    expect(closed!.service_code).toBe('lighting');
    expect(closed!.agency_responsible).toBeTruthy();
    expect(closed!.lat).toBeCloseTo(16.0326);
    const row = await requestRow(ndarId, closedRef);
    expect(Date.parse(closed!.updated_datetime as string)).toBe(Math.floor(row.closed_at!.getTime() / 1000) * 1000);
    expect((closed!.expected_datetime as string).slice(0, 10)).toBe(row.due_on);
    const [open] = expectJson(await get(`${base}/requests/${openRef}.json`));
    expect(open!.status).toBe('open');
    expect(open!.status_notes).toBeNull();
    const xml = expectXml(await get(`${base}/requests/${closedRef}.xml`));
    expectXmlKeys(xml.children[0]!, 'request', requestFields);
    expect(childText(xml.children[0]!, 'status')).toBe('closed');
    expect(xml.children[0]!.children.find((c) => c.name === 'zipcode')!.text).toBeNull();
  });

  it('filters by status, service_code and dates', async () => {
    const refs = async (query: string) => expectJson(await get(`${base}/requests.json?${query}`)).map((r) => r.service_request_id);
    expect(await refs('status=closed')).toContain(closedRef);
    expect(await refs('status=closed')).not.toContain(openRef);
    expect(await refs('status=open')).toContain(openRef);
    expect(await refs('status=open,closed')).toEqual(expect.arrayContaining([openRef, closedRef]));
    expect(await refs('status=open&status=closed')).toEqual(expect.arrayContaining([openRef, closedRef]));
    expect(await refs('service_code=lighting')).toEqual(expect.arrayContaining([closedRef]));
    expect(await refs('service_code=lighting')).not.toContain(openRef);
    expect(await refs('service_code=roads,waste')).toContain(openRef);
    const day = 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await refs(`start_date=${iso(Date.now() - day)}&end_date=${iso(Date.now() + day)}`)).toContain(openRef);
    expect(await refs(`start_date=${iso(Date.now() - 101 * day)}`)).toContain(oldRef);
    expect(await refs(`start_date=${iso(Date.now() - 101 * day)}`)).not.toContain(openRef);
    expect(await refs(`end_date=${iso(Date.now() - 50 * day)}`)).toContain(oldRef);
    expect(await refs('start_date=2020-01-01&end_date=2020-02-01')).toEqual([]);
  });

  it('service_request_id (comma list) overrides the other filters, and the 90-day default', async () => {
    const list = expectJson(await get(`${base}/requests.json?service_request_id=${openRef},${oldRef}&status=closed&service_code=lighting`));
    expect(list.map((r) => r.service_request_id).sort()).toEqual([openRef, oldRef].sort());
  });

  it('refuses bad filters with 400', async () => {
    expectError(await get(`${base}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z`), 400);
    expectError(await get(`${base}/requests.json?start_date=yesterday`), 400);
    expectError(await get(`${base}/requests.json?start_date=2026-01-01T00:00:00`), 400);
    expectError(await get(`${base}/requests.json?start_date=2026-02-30`), 400);
    expectError(await get(`${base}/requests.xml?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z`), 400, 'xml');
    expectError(await get(`${base}/requests.json?status=pending`), 400);
  });

  it('gives the absolute URL of the photo as media_url', async () => {
    const waste = await scoped(t.services.db, ndarId).selectFrom('request_categories').select('id').where('code', '=', 'waste').executeTakeFirstOrThrow();
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#446688' } }).jpeg().toBuffer();
    const response = await postMultipart(t, null as unknown as string, '/ndar-toute/requests/new', { category: waste.id, description: 'Avec photo' }, { photo: { content: photo, filename: 'p.jpg', type: 'image/jpeg' } });
    const reference = /Numéro de référence : (PL-\d{4}-\d{5})/.exec(response.body)![1]!;
    const row = await requestRow(ndarId, reference);
    const [request] = expectJson(await get(`${base}/requests/${reference}.json`));
    expect(request!.media_url).toBe(`${publicBaseUrl(t.services.config)}/files/${row.photo_file_id}`);
  });
});

describe('Open311 privacy', () => {
  it('never lists nor returns private or sensitive complaints', async () => {
    const privateRow = await scoped(t.services.db, ndarId).selectFrom('requests').selectAll().where('is_private', '=', true).where('sensitive', '=', false).where('kind', '=', 'complaint').executeTakeFirstOrThrow();
    const sensitiveRef = await filed({ service_code: 'staff-conduct', description: 'Un agent demande de l’argent.' });
    const sensitiveRow = await requestRow(ndarId, sensitiveRef);
    expect(sensitiveRow.sensitive).toBe(true);
    for (const reference of [privateRow.reference, sensitiveRef]) {
      expectError(await get(`${base}/requests/${reference}.json`), 404);
      expectError(await get(`${base}/requests/${reference}.xml`), 404, 'xml');
      expect(expectJson(await get(`${base}/requests.json?service_request_id=${reference}`))).toEqual([]);
    }
    const all = (await get(`${base}/requests.json?status=open,closed`)).body + (await get(`${base}/requests.xml`)).body;
    expect(all).not.toContain(privateRow.reference);
    expect(all).not.toContain(sensitiveRef);
    expect(all).not.toContain('demande de l’argent');
  });

  it('another commune’s request id is not found, and its requests are not listed', async () => {
    // Each commune numbers its own requests: move Tiznit's series far ahead so the reference exists there only.
    await requestsDb(t.services.db).updateTable('request_counters').set({ last_number: 90_000 }).where('commune_id', '=', tiznitId).where('prefix', '=', 'PL').execute();
    const answer = expectJson(await post({ api_key: keys.tiznit, service_code: 'waste', address_string: 'Hay Rahma', description: 'Propre à Tiznit' }, 'json', 'tiznit-el-jadida'));
    const reference = answer[0]!.service_request_id as string;
    expect(reference).toMatch(/-9\d{4}$/);
    expect((await get(`/tiznit-el-jadida/open311/v2/requests/${reference}.json`)).statusCode).toBe(200);
    expectError(await get(`${base}/requests/${reference}.json`), 404);
    expectError(await get(`${base}/requests/${reference}.xml`), 404, 'xml');
    expect(expectJson(await get(`${base}/requests.json?service_request_id=${reference}`))).toEqual([]);
    expect((await get(`${base}/requests.json`)).body).not.toContain('Propre à Tiznit');
  });

  it('never shows the reporter’s identity given in the POST, in any GET output', async () => {
    const reference = await filed({ first_name: 'Zeynabou', last_name: 'Confidentielle', email: 'zeynabou.secret@example.org', phone: '77 123 45 67', description: 'Caniveau bouché' });
    const row = await requestRow(ndarId, reference);
    expect(row.reporter_name).toBe('Zeynabou Confidentielle');
    const outputs = await Promise.all([`${base}/requests.json`, `${base}/requests.xml`, `${base}/requests/${reference}.json`, `${base}/requests/${reference}.xml`, `${base}/requests.json?service_request_id=${reference}`].map(async (url) => (await get(url)).body));
    for (const body of outputs) {
      expect(body).toContain(reference);
      for (const secret of ['Zeynabou', 'Confidentielle', 'zeynabou.secret', '771234567', '77 123 45 67']) expect(body).not.toContain(secret);
    }
  });
});

describe('Open311 hostile input', () => {
  it('hostile strings come back intact in JSON and escaped in well-formed XML', async () => {
    for (const hostile of hostileStrings) {
      const description = hostile.value.slice(0, 4000);
      const response = await post({ api_key: keys.hostile, service_code: 'other', address_string: hostile.value.slice(0, 300), description });
      const reference = (expectJson(response)[0] as Json).service_request_id as string;
      const [fromJson] = expectJson(await get(`${base}/requests/${reference}.json`));
      expect(fromJson!.description, hostile.name).toContain(hostile.probe.slice(0, 50));
      const xml = await get(`${base}/requests/${reference}.xml`);
      expect(xml.body).not.toMatch(/<(script|img|svg|iframe)\b/);
      const request = expectXml(xml).children[0]!;
      expect(childText(request, 'description'), hostile.name).toBe(fromJson!.description);
    }
  });
});
