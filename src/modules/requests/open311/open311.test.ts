import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicBaseUrl } from '../../../platform/config/config.js';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import { addMessage, changeComplaintStatus } from '../commands/complaint-commands.js';
import { routeComplaint } from '../commands/routing.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { issueApiKey, revokeApiKey } from './api-keys.js';
import { postsPerMinutePerKey } from './routes.js';
import { childNames, childText, readXml, type XmlElement } from './xml-reader.js';

// The spec's field lists (GeoReport v2): every object we answer must have exactly these keys.
const discoveryFields = ['changeset', 'contact', 'key_service', 'endpoints'];
const endpointFields = ['specification', 'url', 'changeset', 'type', 'formats'];
const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const definitionFields = ['service_code', 'attributes'];
const requestFields = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const postAnswerFields = ['service_request_id', 'service_notice', 'account_id'];
const errorFields = ['code', 'description'];
const w3cDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

let t: TestApp;
let ndarId: string;
let tiznitId: string;
const keys: Record<'main' | 'errors' | 'hostile' | 'tiznit', string> = { main: '', errors: '', hostile: '', tiznit: '' };

type Json = Record<string, unknown>;
const base = '/ndar-toute/open311/v2';
const get = (url: string) => t.request(null, 'GET', url);
const json = (response: LightMyRequestResponse) => JSON.parse(response.body) as Json & Json[];

/** An Open311 client's POST: form-encoded, no cookie, no CSRF token. */
const post = (fields: Record<string, string>, format: 'json' | 'xml' = 'json', slug = 'ndar-toute') =>
  t.app.inject({ method: 'POST', url: `/${slug}/open311/v2/requests.${format}`, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });

function expectExactKeys(value: unknown, fields: string[], label = '') {
  expect(value, label).toBeTypeOf('object');
  expect(Object.keys(value as Json).sort(), label).toEqual([...fields].sort());
}

function expectXmlKeys(element: XmlElement, name: string, fields: string[]) {
  expect(element.name).toBe(name);
  expect([...childNames(element)].sort(), name).toEqual([...fields].sort());
}

function expectJson(response: LightMyRequestResponse, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return json(response);
}

function expectXml(response: LightMyRequestResponse, status = 200): XmlElement {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  return readXml(response.body);
}

/** An error as the spec wants it, in both formats: [{code, description}] / <errors><error>…</error></errors>. */
function expectError(response: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json') {
  if (format === 'xml') {
    const errors = expectXml(response, status);
    expect(errors.name).toBe('errors');
    expect(childNames(errors)).toEqual(['error']);
    expectXmlKeys(errors.children[0]!, 'error', errorFields);
    return;
  }
  const body = expectJson(response, status);
  expect(Array.isArray(body)).toBe(true);
  expect(body.length).toBeGreaterThan(0);
  for (const error of body) expectExactKeys(error, errorFields);
}

const requestRow = (communeId: string, reference: string) => scoped(t.services.db, communeId).selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
const validPost = (extra: Record<string, string> = {}) => ({ api_key: keys.main, service_code: 'waste', lat: '16.0326', long: '-16.4890', description: 'Tas d’ordures devant l’école.', ...extra });

async function filed(extra: Record<string, string> = {}): Promise<string> {
  const response = await post(validPost(extra));
  return (expectJson(response)[0] as Json).service_request_id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
  for (const name of ['main', 'errors', 'hostile'] as const) keys[name] = (await issueApiKey(t.services.db, ndarId, `Test ${name}`, null)).key;
  keys.tiznit = (await issueApiKey(t.services.db, tiznitId, 'Tiznit app', null)).key;
});
afterAll(() => t.close());

describe('Open311 discovery and services', () => {
  it('discovery answers in JSON and XML with the spec’s fields and this commune’s endpoint', async () => {
    const discovery = expectJson(await get(`${base}/discovery.json`));
    expectExactKeys(discovery, discoveryFields);
    const endpoints = discovery.endpoints as Json[];
    expect(endpoints).toHaveLength(1);
    expectExactKeys(endpoints[0], endpointFields);
    expect(endpoints[0]!.url).toBe(`${publicBaseUrl(t.services.config)}/ndar-toute/open311/v2`);
    expect(endpoints[0]!.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
    const xml = expectXml(await get(`${base}/discovery.xml`));
    expectXmlKeys(xml, 'discovery', discoveryFields);
    const endpoint = xml.children.find((c) => c.name === 'endpoints')!.children[0]!;
    expectXmlKeys(endpoint, 'endpoint', endpointFields);
    expect(childNames(endpoint.children.find((c) => c.name === 'formats')!)).toEqual(['format', 'format']);
  });

  it('lists the commune’s active categories as services, metadata false, realtime', async () => {
    const services = expectJson(await get(`${base}/services.json`));
    expect(services.map((s) => s.service_code)).toContain('waste');
    for (const service of services) {
      expectExactKeys(service, serviceFields);
      expect(service.metadata).toBe(false);
      expect(service.type).toBe('realtime');
    }
    expect(services.find((s) => s.service_code === 'waste')!.service_name).toBe('Ordures et assainissement');
    const xml = expectXml(await get(`${base}/services.xml`));
    expect(xml.name).toBe('services');
    expect(xml.children.length).toBe(services.length);
    for (const service of xml.children) expectXmlKeys(service, 'service', serviceFields);
    expect(childText(xml.children[0]!, 'metadata')).toBe('false');
  });

  it('answers in the client’s language when it asks for one', async () => {
    const services = json(await t.request(null, 'GET', `${base}/services.json`, undefined, { headers: { 'accept-language': 'en' } }));
    expect(services.find((s) => s.service_code === 'waste')!.service_name).toBe('Waste and sanitation');
  });

  it('a service definition exists for every service, with no attribute; an unknown code is 404', async () => {
    const definition = expectJson(await get(`${base}/services/waste.json`));
    expectExactKeys(definition, definitionFields);
    expect(definition).toEqual({ service_code: 'waste', attributes: [] });
    const xml = expectXml(await get(`${base}/services/waste.xml`));
    expectXmlKeys(xml, 'service_definition', definitionFields);
    expect(childText(xml, 'service_code')).toBe('waste');
    expectError(await get(`${base}/services/potholes.json`), 404);
    expectError(await get(`${base}/services/potholes.xml`), 404, 'xml');
  });

  it('unknown paths, formats and communes are 404 in the spec’s error format', async () => {
    expectError(await get(`${base}/services.html`), 404);
    expectError(await get(`${base}/nothing-here.xml`), 404, 'xml');
    expectError(await get('/no-such-commune/open311/v2/services.json'), 404);
    expectError(await get(`${base}/requests/PL-2026-00001`), 404);
  });

  it('a commune that switched the module off has no API (404 in the spec’s format)', async () => {
    const commune = await t.services.db.selectFrom('communes').select('enabled_modules').where('id', '=', ndarId).executeTakeFirstOrThrow();
    await t.services.db.updateTable('communes').set({ enabled_modules: JSON.stringify(commune.enabled_modules.filter((m) => m !== 'requests')) }).where('id', '=', ndarId).execute();
    try {
      expectError(await get(`${base}/services.xml`), 404, 'xml');
    } finally {
      await t.services.db.updateTable('communes').set({ enabled_modules: JSON.stringify(commune.enabled_modules) }).where('id', '=', ndarId).execute();
    }
    expect((await get(`${base}/services.xml`)).statusCode).toBe(200);
  });
});

describe('Open311 POST requests', () => {
  it('files a complaint with a valid key, without a CSRF token, routed like the web form', async () => {
    const response = await post(validPost({ first_name: 'Awa', last_name: 'Ndiaye', phone: '77 000 00 99', email: 'awa.open311@example.org', device_id: 'dev-1', account_id: 'acc-1' }));
    const answer = expectJson(response);
    expect(answer).toHaveLength(1);
    expectExactKeys(answer[0], postAnswerFields);
    expect(answer[0]!.service_notice).toBe('La commune répond sous 5 jours ouvrés.');
    expect(answer[0]!.account_id).toBeNull();
    const row = await requestRow(ndarId, answer[0]!.service_request_id as string);
    const category = await scoped(t.services.db, ndarId).selectFrom('request_categories').selectAll().where('code', '=', 'waste').executeTakeFirstOrThrow();
    expect(row.channel).toBe('open311');
    expect(row.category_id).toBe(category.id);
    expect(row.service_id).toBe(await routeComplaint(t.services.db, ndarId, category, null));
    expect(row.service_id).not.toBeNull();
    expect(row.status).toBe('received');
    expect(row.due_on).not.toBeNull();
    expect(row.latitude).toBeCloseTo(16.0326);
    expect(row.reporter_name).toBe('Awa Ndiaye');
    expect(row.reporter_phone).toBe('+221770000099');
    expect(row.reporter_email).toBe('awa.open311@example.org');
    // The person is told, as on the web form (reference and tracking code).
    const sms = await t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+221770000099').executeTakeFirstOrThrow();
    expect(sms.body).toContain(row.reference);
  });

  it('answers in XML and routes by the neighbourhood named in address_string', async () => {
    const neighbourhoods = await communeNeighbourhoods(t.services.db, ndarId);
    expect(neighbourhoods).toContain('Pikine');
    const xml = expectXml(await post({ api_key: keys.main, service_code: 'waste', address_string: 'Marché central, Pikine' }, 'xml'));
    expect(xml.name).toBe('service_requests');
    expectXmlKeys(xml.children[0]!, 'request', postAnswerFields);
    const row = await requestRow(ndarId, childText(xml.children[0]!, 'service_request_id')!);
    expect(row.neighbourhood).toBe('Pikine');
    expect(row.address).toBe('Marché central, Pikine');
    // No description given: the service's name stands for it.
    expect(row.description).toBe('Ordures et assainissement');
  });

  it('keeps a media_url for staff only, as an internal note', async () => {
    const reference = await filed({ media_url: 'https://photos.example.org/tas.jpg' });
    const row = await requestRow(ndarId, reference);
    const notes = await scoped(t.services.db, ndarId).selectFrom('request_events').selectAll().where('request_id', '=', row.id).where('kind', '=', 'message').execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.is_public).toBe(false);
    expect(notes[0]!.body).toContain('https://photos.example.org/tas.jpg');
    expect((await get(`${base}/requests/${reference}.json`)).body).not.toContain('photos.example.org');
  });

  it('refuses a missing, wrong or revoked api_key with 403, and a key of another commune', async () => {
    const { key: revoked, row } = await issueApiKey(t.services.db, ndarId, 'Old app', null);
    await revokeApiKey(t.services.db, ndarId, row.id);
    const before = await requestsDb(t.services.db).selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expectError(await post(validPost({ api_key: '' })), 403);
    const { api_key: _omitted, ...withoutKey } = validPost();
    expectError(await post(withoutKey), 403);
    expectError(await post(validPost({ api_key: `${keys.main}x` })), 403, 'json');
    expectError(await post(validPost({ api_key: revoked }), 'xml'), 403, 'xml');
    expectError(await post(validPost({ api_key: keys.tiznit })), 403);
    // And the other way round: Ndar's key opens nothing in Tiznit.
    expectError(await post({ ...validPost(), service_code: 'waste' }, 'json', 'tiznit-el-jadida'), 403);
    const after = await requestsDb(t.services.db).selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await post({ ...validPost(), api_key: keys.tiznit }, 'json', 'tiznit-el-jadida')).statusCode).toBe(200);
  });

  it('refuses bad input per the spec: unknown service_code 404, the rest 400', async () => {
    const bad = (extra: Record<string, string>) => post(validPost({ api_key: keys.errors, ...extra }));
    expectError(await bad({ service_code: 'potholes' }), 404);
    expectError(await bad({ service_code: '' }), 400);
    expectError(await post({ api_key: keys.errors, service_code: 'waste', description: 'Sans lieu' }), 400);
    expectError(await bad({ long: '' }), 400);
    expectError(await bad({ lat: '95' }), 400);
    expectError(await bad({ description: 'x'.repeat(4001) }), 400);
    expectError(await bad({ email: 'pas-une-adresse' }), 400);
    expectError(await bad({ phone: 'abc' }), 400);
    expectError(await bad({ media_url: 'javascript:alert(1)' }), 400, 'json');
    expectError(await post(validPost({ api_key: keys.errors, lat: 'north' }), 'xml'), 400, 'xml');
  });

  it('limits the POSTs per api key, answering 400 with code 429 once over the limit', async () => {
    const bogus = 'p311_rate-limit-test-key';
    for (let i = 0; i < postsPerMinutePerKey; i++) expect((await post(validPost({ api_key: bogus }))).statusCode).toBe(403);
    const limited = await post(validPost({ api_key: bogus }));
    expectError(limited, 400);
    expect((json(limited)[0] as Json).code).toBe(429);
    // Another key is not held back by this one.
    expect((await post(validPost({ api_key: keys.errors, service_code: 'potholes' }))).statusCode).toBe(404);
  });
});

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
