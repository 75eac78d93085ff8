import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicBaseUrl } from '../../../platform/config/config.js';
import { communeNeighbourhoods } from '../../commune/index.js';
import { routeComplaint } from '../commands/routing.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { issueApiKey, revokeApiKey } from './api-keys.js';
import { postsPerMinutePerKey } from './routes.js';
import { childNames, childText } from './xml-reader.js';
import { base, definitionFields, discoveryFields, endpointFields, expectError, expectExactKeys, expectJson, expectXml, expectXmlKeys, filed, get, json, keys, ndarId, openOpen311App, post, postAnswerFields, requestRow, serviceFields, t, validPost, type Json } from './open311-test-helpers.js';

beforeAll(openOpen311App);
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
