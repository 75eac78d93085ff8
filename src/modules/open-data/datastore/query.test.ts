import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { openDataDb } from '../db/open-data-db.js';
import { datastoreTable } from './tables.js';
import { createImportedResource } from './test-fixture.js';

/* Contract: CKAN 2.10's datastore_search result keys, in the order CKAN builds them (datastore/logic/action.py). */
const resultKeys = ['include_total', 'resource_id', 'fields', 'records_format', 'records', 'limit', 'offset', '_links', 'total', 'total_was_estimated'];
const ckanTypes = ['int', 'text', 'numeric', 'int', 'date', 'timestamp', 'bool'];

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ id } = await createImportedResource(t.services.db));
});
afterAll(async () => { await t.close(); });

type Json = any;
const api = '/ndar-toute/api/3/action/datastore_search';

async function call(query: Record<string, unknown>, status = 200): Promise<Json> {
  const params = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  const response = await t.app.inject({ method: 'GET', url: `${api}?${params}` });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}
const search = async (query: Record<string, unknown>) => (await call({ resource_id: id, ...query })).result;
const ids = (result: Json) => result.records.map((record: Json) => record._id);

describe('datastore_search on an imported table', () => {
  it('answers in CKAN’s envelope with CKAN’s types and printed values', async () => {
    const body = await call({ resource_id: id, limit: '2' });
    expect(Object.keys(body)).toEqual(['help', 'success', 'result']);
    expect(Object.keys(body.result)).toEqual(resultKeys);
    const result = body.result;
    expect(result.fields.map((field: Json) => field.type)).toEqual(ckanTypes);
    expect(result.fields[1]).toEqual({ id: 'Libellé', type: 'text', info: { label: 'Libellé de la ligne' } });
    expect(result.records[0]).toEqual({ _id: 1, Libellé: 'Rue 1', Montant: 1.5, 'Quartier n°': 1, Date: '2026-01-02', Horodatage: '2026-01-01T01:00:00', Payé: false });
    expect(result.total).toBe(2500);
    expect(result._links.start).toBe(`${api}?limit=2&resource_id=${id}`);
    expect(result._links.next).toBe(`${api}?offset=2&limit=2&resource_id=${id}`);
    expect(result.limit).toBe(2);
    const posted = await t.app.inject({ method: 'POST', url: api, payload: { resource_id: id, limit: 2 } });
    expect(posted.json().result.records).toEqual(result.records);
  });

  it('defaults to 100 rows, caps at 32000 and pages by offset', async () => {
    expect((await search({})).records).toHaveLength(100);
    const big = await search({ limit: '40000', fields: '_id' });
    expect(big.limit).toBe(32000);
    expect(big.records).toHaveLength(2500);
    expect(ids(await search({ limit: '3', offset: '2497' }))).toEqual([2498, 2499, 2500]);
  });

  it('filters on typed values, one or a list, and counts with the same filters', async () => {
    const district = await search({ filters: { 'Quartier n°': 7 }, limit: '1000' });
    expect(district.total).toBe(250);
    expect(district.records.every((r: Json) => r['Quartier n°'] === 7)).toBe(true);
    expect(district.filters).toEqual({ 'Quartier n°': 7 });
    expect((await search({ filters: { Montant: ['3', '4.5'] } })).records.map((r: Json) => r._id)).toEqual([2, 3]);
    expect((await search({ filters: { Date: '2026-01-03', Payé: 'true' } })).total).toBe(4);
    expect((await search({ filters: { Horodatage: '2026-01-01T02:00:00' } })).records.map((r: Json) => r._id)).toEqual([2]);
    expect((await search({ filters: { Libellé: 'École 9' } })).records.map((r: Json) => r._id)).toEqual([9]);
  });

  it('searches every word in text columns, ignoring case and accents, or per field', async () => {
    const schools = await search({ q: 'ecole' });
    expect(schools.total).toBe(833);
    expect((await search({ q: 'ÉCOLE 99' })).records.map((r: Json) => r.Libellé)).toContain('École 99');
    expect((await search({ q: { Libellé: 'rue 250' } })).records.map((r: Json) => r._id)).toEqual([250, 1250, 2500]);
    expect((await search({ q: '100%' })).total).toBe(0);
  });

  it('sorts on several fields and returns a subset of fields in the order asked', async () => {
    const sorted = await search({ sort: '"Quartier n°" desc, Montant', limit: '3', fields: 'Montant,_id' });
    expect(sorted.records).toEqual([{ Montant: 13.5, _id: 9 }, { Montant: 28.5, _id: 19 }, { Montant: 43.5, _id: 29 }]);
    expect(sorted.fields.map((f: Json) => f.id)).toEqual(['Montant', '_id']);
    expect(ids(await search({ sort: 'Montant desc', limit: '2' }))).toEqual([2500, 2499]);
  });

  it('pages by keyset with after_id, the extension that stays fast deep in a table', async () => {
    const first = await search({ after_id: '1000', limit: '3', filters: { Payé: true } });
    expect(ids(first)).toEqual([1002, 1004, 1006]);
    expect(first.after_id).toBe(1000);
    // The total counts every matching row, not only those after the cursor.
    expect(first.total).toBe(1250);
    expect(first._links.next).toContain('after_id=1006');
    const next = await t.app.inject({ method: 'GET', url: first._links.next });
    expect(ids(next.json().result)).toEqual([1008, 1010, 1012]);
    const withoutId = await search({ after_id: '10', limit: '2', fields: 'Montant' });
    expect(withoutId._links.next).toContain('after_id=12');
    expect((await call({ resource_id: id, after_id: '1', sort: 'Montant' }, 409)).error.after_id).toBeDefined();
  });

  it('gives the planner’s estimate above total_estimation_threshold, the exact count otherwise', async () => {
    await openDataDb(t.services.db).updateTable('open_data_resources').set({ datastore_rows: null }).where('id', '=', id).execute();
    const estimated = await search({ total_estimation_threshold: '1000', limit: '1' });
    expect(estimated.total_was_estimated).toBe(true);
    expect(estimated.total).toBeGreaterThan(2000);
    const exact = await search({ limit: '1' });
    expect(exact).toMatchObject({ total: 2500, total_was_estimated: false });
    const filtered = await search({ total_estimation_threshold: '1000', limit: '1', filters: { Payé: true } });
    expect(filtered).toMatchObject({ total: 1250, total_was_estimated: false });
    expect(Object.keys(await search({ include_total: 'false', limit: '1' }))).not.toContain('total');
  });

  it('refuses hostile field names, sorts, filters and values as CKAN validation errors and changes nothing', async () => {
    const hostile = [
      { filters: { 'c1; drop table x': 1 } },
      { filters: { _id: '1; drop table x' } },
      { filters: { Montant: "1' or '1'='1" } },
      { filters: { Date: 'yesterday' } },
      { sort: 'Montant; drop table x' },
      { sort: 'c1' },
      { sort: '_id desc, (select 1)' },
      { fields: ['Libellé', '"c1"'] },
      { q: { 'c2 --': 'x' } },
      { q: { Libellé: 7 } },
      { limit: '-1' },
      { filters: '[1]' },
    ];
    for (const params of hostile) {
      const body = await call({ resource_id: id, ...params }, 409);
      expect(body.error.__type, JSON.stringify(params)).toBe('Validation Error');
    }
    const quoted = await search({ q: "'); drop table x; --" });
    expect(quoted.total).toBe(0);
    const count = await sql<{ n: number }>`select count(*)::int as n from ${datastoreTable(id)}`.execute(t.services.db);
    expect(count.rows[0]?.n).toBe(2500);
  });

  it('is Not Found for another commune, an unpublished dataset or a table not imported', async () => {
    const tiznit = await call({ resource_id: id }, 200).then(() => t.app.inject({ method: 'GET', url: `/tiznit-el-jadida/api/3/action/datastore_search?resource_id=${id}` }));
    expect(tiznit.statusCode).toBe(404);
    expect(tiznit.json().error.__type).toBe('Not Found Error');
    expect((await t.app.inject({ method: 'GET', url: `/api/3/action/datastore_search?resource_id=${id}&limit=1` })).json().result.total).toBe(2500);
    for (const state of ['draft', 'withdrawn'] as const) {
      const hidden = await createImportedResource(t.services.db, { rows: 3, state });
      expect((await call({ resource_id: hidden.id }, 404)).error.__type).toBe('Not Found Error');
    }
    await call({ resource_id: '00000000-0000-0000-0000-000000000000' }, 404);
  });
});
