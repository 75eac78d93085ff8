import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testCsrfToken, type TestApp } from '../../../../test-support/test-app.js';
import { communeDatasets, datasetRows } from '../../catalogue.js';

/*
 * Contract: the keys CKAN 2.10 prints (default_show_package_schema, resource and group dictization, the action
 * docs of license_list / status_show / package_search / datastore_search), plus the keys udata's CKAN harvester
 * requires (schemas/ckan.py: revision_id and revision_timestamp on organizations, hash and resource_type on resources).
 */
const envelopeKeys = ['help', 'success', 'result'];
const errorEnvelopeKeys = ['help', 'success', 'error'];
const packageKeys = [
  'id', 'name', 'title', 'notes', 'url', 'version', 'license_id', 'license_title', 'license_url', 'isopen',
  'author', 'author_email', 'maintainer', 'maintainer_email', 'organization', 'owner_org', 'private', 'state', 'type',
  'creator_user_id', 'metadata_created', 'metadata_modified', 'num_resources', 'num_tags', 'tags', 'groups', 'extras',
  'resources', 'relationships_as_object', 'relationships_as_subject',
];
const resourceKeys = [
  'id', 'package_id', 'url', 'name', 'description', 'format', 'mimetype', 'mimetype_inner', 'hash', 'size',
  'resource_type', 'url_type', 'position', 'state', 'created', 'last_modified', 'metadata_modified', 'cache_url',
  'cache_last_updated', 'datastore_active',
];
const organizationKeys = [
  'id', 'name', 'title', 'type', 'description', 'image_url', 'created', 'is_organization', 'approval_status', 'state',
  'revision_id', 'revision_timestamp',
];
const organizationListKeys = [...organizationKeys, 'display_name', 'package_count'];
const tagKeys = ['id', 'name', 'display_name', 'state', 'vocabulary_id'];
const searchKeys = ['count', 'sort', 'results', 'facets', 'search_facets'];
const facetItemKeys = ['name', 'display_name', 'count'];
const licenceKeys = ['id', 'title', 'url', 'od_conformance', 'osd_conformance', 'status', 'maintainer', 'family', 'is_generic', 'domain_content', 'domain_data', 'domain_software'];
const statusKeys = ['site_title', 'site_description', 'site_url', 'error_emails_to', 'locale_default', 'extensions', 'ckan_version'];
const datastoreKeys = ['include_total', 'resource_id', 'fields', 'records_format', 'records', 'limit', 'offset', '_links', 'total', 'total_was_estimated'];

const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** CKAN's timestamp format: naive UTC with microseconds. */
const ckanTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

function expectKeys(object: unknown, keys: string[]): void {
  expect(object).toBeTypeOf('object');
  expect(Object.keys(object as object)).toEqual(expect.arrayContaining(keys));
}

type Json = Record<string, any>;

let t: TestApp;
let perCommune: number;
/** Each demo commune also publishes one staff dataset (CSV, CC BY): the rest are module datasets (CSV and JSON, ODbL). */
let modulePerCommune: number;

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
  perCommune = (await communeDatasets(t.services, commune)).length;
  modulePerCommune = perCommune - 1;
});
afterAll(() => t.close());

async function call(url: string, expectedStatus = 200): Promise<Json> {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(expectedStatus);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

async function result(url: string): Promise<any> {
  const body = await call(url);
  expectKeys(body, envelopeKeys);
  expect(body.success).toBe(true);
  return body.result;
}

const search = (base: string, query: string) => result(`${base}/api/3/action/package_search?${query}`);
const names = (found: Json) => (found.results as Json[]).map((p) => p.name as string);

describe('CKAN envelope and errors', () => {
  it('answers in the {help, success, result} envelope with a help_show URL of the action', async () => {
    const body = await call('/ndar-toute/api/3/action/package_list');
    expect(Object.keys(body).sort()).toEqual([...envelopeKeys].sort());
    expect(body.help).toBe('http://127.0.0.1:3000/ndar-toute/api/3/action/help_show?name=package_list');
  });

  it('answers on the unversioned /api/action path that ckanapi calls, GET and POST', async () => {
    expect(await result('/ndar-toute/api/action/package_list')).toEqual(await result('/ndar-toute/api/3/action/package_list'));
    const posted = await t.app.inject({ method: 'POST', url: '/api/action/package_show', payload: { id: 'ndar-toute-commune-news' } });
    expect(posted.statusCode).toBe(200);
    expect(posted.json().result.name).toBe('ndar-toute-commune-news');
    const missing = await call('/atlantis/api/action/package_list', 404);
    expect(missing.help).toBe('http://127.0.0.1:3000/atlantis/api/3/action/help_show?name=package_list');
  });

  it('answers an unknown action with 400 and the bare string CKAN sends', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/3/action/package_create' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toBe('Bad request - Action name not known: package_create');
  });

  it('reports what does not exist as a 404 Not Found Error, bad parameters as a 409 Validation Error', async () => {
    const missing = await call('/ndar-toute/api/3/action/package_show?id=no-such-dataset', 404);
    expectKeys(missing, errorEnvelopeKeys);
    expect(missing.success).toBe(false);
    expect(missing.error).toEqual({ __type: 'Not Found Error', message: 'Not found' });
    const noId = await call('/ndar-toute/api/3/action/package_show', 409);
    expect(noId.error.__type).toBe('Validation Error');
    expect(noId.error.id).toEqual(['Missing value']);
    const rows = await call('/api/3/action/package_search?rows=-3', 409);
    expect(rows.error).toMatchObject({ __type: 'Validation Error', rows: ['Must be a natural number'] });
    const field = await call('/api/3/action/package_search?fq=colour:blue', 400);
    expect(field.error.__type).toBe('Search Query Error');
  });

  it('answers an unknown commune in CKAN format, not with an HTML page', async () => {
    const body = await call('/atlantis/api/3/action/package_list', 404);
    expect(body.error.__type).toBe('Not Found Error');
    expect(body.help).toBe('http://127.0.0.1:3000/atlantis/api/3/action/help_show?name=package_list');
  });
});

describe('package_show and resource_show', () => {
  it('prints a dataset with every key of CKAN default schema, a UUID v5 id and absolute resource URLs', async () => {
    const dataset = await result('/ndar-toute/api/3/action/package_show?id=ndar-toute-requests-complaints');
    expectKeys(dataset, packageKeys);
    expect(dataset.id).toMatch(uuidV5);
    expect(dataset).toMatchObject({ name: 'ndar-toute-requests-complaints', private: false, state: 'active', type: 'dataset', license_id: 'odc-odbl', isopen: true, groups: [] });
    expect(dataset.license_title).toContain('ODbL');
    expect(dataset.metadata_created).toMatch(ckanTimestamp);
    expect(dataset.metadata_modified).toMatch(ckanTimestamp);
    expectKeys(dataset.organization, organizationKeys);
    expect(dataset.organization).toMatchObject({ name: 'ndar-toute', type: 'organization', is_organization: true, approval_status: 'approved', state: 'active' });
    expect(dataset.owner_org).toBe(dataset.organization.id);
    expect(dataset.num_tags).toBe(dataset.tags.length);
    for (const tag of dataset.tags) expectKeys(tag, tagKeys);
    expect(dataset.num_resources).toBe(2);
    for (const resource of dataset.resources) {
      expectKeys(resource, resourceKeys);
      expect(resource.package_id).toBe(dataset.id);
      expect(resource.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/ndar-toute\/data\/ndar-toute-requests-complaints\.(csv|json)$/);
      expect(resource.datastore_active).toBe(resource.format === 'CSV');
    }
    expect(dataset.resources.map((r: Json) => r.position)).toEqual([0, 1]);
    for (const extra of dataset.extras) expect(Object.keys(extra).sort()).toEqual(['key', 'value']);
  });

  it('titles a dataset in the commune default language and gives every language in an extra', async () => {
    const dataset = await result('/api/3/action/package_show?id=tiznit-el-jadida-requests-complaints');
    const translated = JSON.parse(dataset.extras.find((e: Json) => e.key === 'title_translated').value);
    expect(Object.keys(translated)).toEqual(expect.arrayContaining(['fr', 'en', 'pt', 'ar']));
    const tiznit = await t.services.db.selectFrom('communes').select('default_locale').where('slug', '=', 'tiznit-el-jadida').executeTakeFirstOrThrow();
    expect(dataset.title).toBe(translated[tiznit.default_locale]);
  });

  it('finds a dataset by its UUID as well as by its name, and the id does not change between calls', async () => {
    const byName = await result('/api/3/action/package_show?id=ndar-toute-commune-news');
    const byId = await result(`/api/3/action/package_show?id=${byName.id}`);
    expect(byId.name).toBe('ndar-toute-commune-news');
    expect(byId.id).toBe(byName.id);
  });

  it('shows a resource by its UUID', async () => {
    const dataset = await result('/ndar-toute/api/3/action/package_show?id=ndar-toute-commune-news');
    const resource = await result(`/ndar-toute/api/3/action/resource_show?id=${dataset.resources[1].id}`);
    expectKeys(resource, resourceKeys);
    expect(resource).toMatchObject({ id: dataset.resources[1].id, format: 'JSON', datastore_active: false });
    await call('/ndar-toute/api/3/action/resource_show?id=00000000-0000-5000-8000-000000000000', 404);
  });

  it("a commune's endpoint does not show another commune's dataset or resource", async () => {
    await call('/ndar-toute/api/3/action/package_show?id=tiznit-el-jadida-requests-complaints', 404);
    const other = await result('/api/3/action/package_show?id=tiznit-el-jadida-requests-complaints');
    await call(`/ndar-toute/api/3/action/resource_show?id=${other.resources[0].id}`, 404);
  });
});

describe('package_list and package_search', () => {
  it("lists only the commune's datasets on its endpoint and every commune's on the install-wide one", async () => {
    const ndar = await result('/ndar-toute/api/3/action/package_list');
    const tiznit = await result('/tiznit-el-jadida/api/3/action/package_list');
    const network = await result('/api/3/action/package_list');
    expect(ndar).toHaveLength(perCommune);
    expect(ndar.every((name: string) => name.startsWith('ndar-toute-'))).toBe(true);
    expect(tiznit.every((name: string) => name.startsWith('tiznit-el-jadida-'))).toBe(true);
    expect([...network].sort()).toEqual([...ndar, ...tiznit].sort());
    expect(await result('/api/3/action/package_list?limit=2&offset=1')).toEqual(network.slice(1, 3));
  });

  it('pages with rows (default 10) and start, every result a full package dict', async () => {
    const first = await search('', 'sort=name asc');
    expectKeys(first, searchKeys);
    expect(first.count).toBe(perCommune * 2);
    expect(first.results).toHaveLength(10);
    for (const dataset of first.results) expectKeys(dataset, packageKeys);
    const pages = await Promise.all([0, 5, 10].map((start) => search('', `sort=name asc&rows=5&start=${start}`)));
    expect(pages.flatMap(names)).toEqual(names(first).concat(names(pages[2]!)));
    expect(new Set(pages.flatMap(names)).size).toBe(15);
    const all = await search('', 'rows=5000');
    expect(all.results).toHaveLength(perCommune * 2);
  });

  it('filters with fq on organization, res_format, license_id and tags, negation included', async () => {
    const tiznit = await search('', 'fq=organization:tiznit-el-jadida&rows=100');
    expect(tiznit.count).toBe(perCommune);
    expect(tiznit.results.every((p: Json) => p.organization.name === 'tiznit-el-jadida')).toBe(true);
    expect((await search('', 'fq=res_format:CSV')).count).toBe(perCommune * 2);
    expect((await search('', 'fq=res_format:XLSX')).count).toBe(0);
    expect((await search('', 'fq=license_id:odc-odbl')).count).toBe(modulePerCommune * 2);
    expect((await search('', 'fq=license_id:cc-by')).count).toBe(2);
    const requests = await search('/ndar-toute', 'fq=tags:requests&rows=100');
    expect(requests.count).toBeGreaterThan(0);
    expect(requests.results.every((p: Json) => p.tags.some((tag: Json) => tag.name === 'requests'))).toBe(true);
    const both = await search('', 'fq=%2Borganization:ndar-toute tags:"requests"');
    expect(both.count).toBe(requests.count);
    expect((await search('/ndar-toute', 'fq=-tags:requests')).count).toBe(perCommune - requests.count);
    expect((await search('', 'fq=metadata_modified:[2000-01-01T00:00:00Z TO *]')).count).toBe(perCommune * 2);
  });

  it('searches free text in titles, names and tags with q', async () => {
    const found = await search('', 'q=complaints&rows=100');
    expect(names(found).sort()).toEqual(['ndar-toute-requests-complaints', 'tiznit-el-jadida-requests-complaints']);
    expect((await search('', 'q=*:*')).count).toBe(perCommune * 2);
    expect((await search('', 'q=zzzz-nothing')).count).toBe(0);
  });

  it('sorts by name, title_string and metadata_modified', async () => {
    const byName = names(await search('/ndar-toute', 'sort=name desc&rows=100'));
    expect(byName).toEqual([...byName].sort().reverse());
    const byTitle = (await search('/ndar-toute', 'sort=title_string asc&rows=100')).results.map((p: Json) => p.title.toLowerCase());
    expect(byTitle).toEqual([...byTitle].sort((a: string, b: string) => a.localeCompare(b)));
    const modified = await search('', 'sort=metadata_modified desc');
    expect(modified.sort).toBe('metadata_modified desc');
    expect(modified.results).toHaveLength(10);
  });

  it('returns facets and search_facets for the fields asked in facet.field, as CKAN shapes them', async () => {
    const field = encodeURIComponent(JSON.stringify(['organization', 'res_format', 'license_id', 'tags']));
    const found = await search('', `facet.field=${field}&rows=0`);
    expect(found.results).toEqual([]);
    expect(found.facets.organization).toEqual({ 'ndar-toute': perCommune, 'tiznit-el-jadida': perCommune });
    expect(found.facets.res_format).toEqual({ CSV: perCommune * 2, JSON: modulePerCommune * 2 });
    expect(found.search_facets.organization.title).toBe('organization');
    for (const item of found.search_facets.organization.items) expectKeys(item, facetItemKeys);
    expect(found.search_facets.organization.items.map((i: Json) => i.display_name)).toContain('Ndar Toute');
    expect(found.search_facets.license_id.items[0]).toMatchObject({ name: 'odc-odbl', count: modulePerCommune * 2 });
    const plain = await search('', 'rows=1');
    expect(plain.facets).toEqual({});
    expect(plain.search_facets).toEqual({});
  });

  it('gives the same answer to a POSTed JSON body, without any CSRF token or cookie, as to a GET', async () => {
    const facetField = ['organization', 'tags'];
    const get = await search('', `fq=organization:ndar-toute&rows=3&start=1&sort=name asc&facet.field=${encodeURIComponent(JSON.stringify(facetField))}`);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/3/action/package_search',
      payload: { fq: 'organization:ndar-toute', rows: 3, start: 1, sort: 'name asc', 'facet.field': facetField },
    });
    expect(post.statusCode, post.body).toBe(200);
    const stripClock = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/"(metadata_modified|last_modified)":"[^"]*"/g, '"$1":""'));
    expect(stripClock(post.json().result)).toEqual(stripClock(get));
    // A client with a session cookie (ckanapi in a browser-like session) is not refused either.
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/ndar-toute/api/3/action/package_show',
      headers: { cookie: `palabre_csrf=${testCsrfToken}` },
      payload: { id: 'ndar-toute-commune-news' },
    });
    expect(withCookie.statusCode).toBe(200);
    expect(withCookie.json().result.name).toBe('ndar-toute-commune-news');
  });
});

describe('organizations, licences and status', () => {
  it("lists the commune as the one organization of its endpoint, every commune on the install's", async () => {
    expect(await result('/ndar-toute/api/3/action/organization_list')).toEqual(['ndar-toute']);
    const all = await result('/api/3/action/organization_list?all_fields=true&sort=name asc');
    expect(all.map((o: Json) => o.name)).toEqual(['ndar-toute', 'tiznit-el-jadida']);
    for (const organization of all) {
      expectKeys(organization, organizationListKeys);
      expect(organization.package_count).toBe(perCommune);
    }
  });

  it('shows an organization, with its datasets only when asked, and only its own', async () => {
    const plain = await result('/api/3/action/organization_show?id=tiznit-el-jadida');
    expectKeys(plain, organizationListKeys);
    expect(plain.packages).toBeUndefined();
    const full = await result('/api/3/action/organization_show?id=tiznit-el-jadida&include_datasets=true');
    expect(full.packages).toHaveLength(perCommune);
    expect(full.packages.every((p: Json) => p.organization.name === 'tiznit-el-jadida')).toBe(true);
    await call('/ndar-toute/api/3/action/organization_show?id=tiznit-el-jadida', 404);
  });

  it('lists the licences with CKAN keys and says which CKAN version it emulates', async () => {
    const list = await result('/api/3/action/license_list');
    for (const licence of list) expectKeys(licence, licenceKeys);
    expect(list.map((l: Json) => l.id)).toEqual(expect.arrayContaining(['odc-odbl', 'cc-by', 'etalab-2.0', 'cc-zero']));
    const status = await result('/ndar-toute/api/3/action/status_show');
    expectKeys(status, statusKeys);
    expect(status).toMatchObject({ ckan_version: '2.10.4', extensions: [], site_url: 'http://127.0.0.1:3000/ndar-toute', site_title: 'Ndar Toute' });
  });
});

describe('datastore_search', () => {
  const resourceId = 'ndar-toute-requests-complaints.csv';
  const base = `/ndar-toute/api/3/action/datastore_search?resource_id=${resourceId}`;

  it("returns the CSV export's rows with positional _id, typed fields, total and _links", async () => {
    const dataset = await communeDatasets(t.services, await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow());
    const rows = await datasetRows(t.services, dataset.find((d) => d.name === 'ndar-toute-requests-complaints')!);
    const found = await result(base);
    expectKeys(found, datastoreKeys);
    expect(found.fields[0]).toEqual({ id: '_id', type: 'int' });
    for (const field of found.fields) expect(Object.keys(field).sort()).toEqual(['id', 'type']);
    expect(found.fields.map((f: Json) => f.id).slice(1)).toEqual(Object.keys(rows[0]!));
    expect(found.total).toBe(rows.length);
    expect(found.records.map((r: Json) => r._id)).toEqual(rows.map((_row, index) => index + 1));
    expect(found.records[0].reference).toBe(rows[0]!.reference);
    expect(found).toMatchObject({ limit: 100, offset: 0, records_format: 'objects', total_was_estimated: false });
    expect(found._links.start).toBe(`/ndar-toute/api/3/action/datastore_search?limit=100&resource_id=${resourceId}`);
  });

  it('pages with limit and offset, filters with a JSON object, searches with q and sorts', async () => {
    const all = await result(base);
    const page = await result(`${base}&limit=2&offset=1`);
    expect(page.records.map((r: Json) => r._id)).toEqual([2, 3]);
    expect(page.total).toBe(all.total);
    expect(page._links.next).toContain('offset=3');
    const status = all.records[0].status;
    const filtered = await result(`${base}&filters=${encodeURIComponent(JSON.stringify({ status }))}`);
    expect(filtered.total).toBe(all.records.filter((r: Json) => r.status === status).length);
    expect(filtered.records.every((r: Json) => r.status === status)).toBe(true);
    const reference = all.records[1].reference;
    const searched = await result(`${base}&q=${encodeURIComponent(reference)}`);
    expect(searched.records.map((r: Json) => r.reference)).toEqual([reference]);
    const sorted = await result(`${base}&sort=${encodeURIComponent('reference desc')}`);
    const references = sorted.records.map((r: Json) => r.reference);
    expect(references).toEqual([...references].sort().reverse());
    const posted = await t.app.inject({ method: 'POST', url: '/ndar-toute/api/3/action/datastore_search', payload: { resource_id: resourceId, filters: { status }, limit: 100 } });
    expect(posted.json().result.records).toEqual(filtered.records);
  });

  it('refuses unknown fields, JSON resources and other communes’ resources in CKAN terms', async () => {
    const bad = await call(`${base}&filters=${encodeURIComponent('{"colour":"blue"}')}`, 409);
    expect(bad.error.__type).toBe('Validation Error');
    const json = await call('/ndar-toute/api/3/action/datastore_search?resource_id=ndar-toute-requests-complaints.json', 404);
    expect(json.error.__type).toBe('Not Found Error');
    await call('/ndar-toute/api/3/action/datastore_search?resource_id=tiznit-el-jadida-requests-complaints.csv', 404);
    const network = await result('/api/3/action/datastore_search?resource_id=tiznit-el-jadida-requests-complaints.csv&limit=1');
    expect(network.records).toHaveLength(Math.min(1, network.total));
  });

  it('accepts the resource UUID of resource_show', async () => {
    const dataset = await result('/ndar-toute/api/3/action/package_show?id=ndar-toute-requests-complaints');
    const found = await result(`/ndar-toute/api/3/action/datastore_search?resource_id=${dataset.resources[0].id}&limit=1`);
    expect(found.resource_id).toBe(dataset.resources[0].id);
    expect(found.records).toHaveLength(1);
  });
});
