import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { dumpBatchSize } from './dump.js';
import { createImportedResource } from './test-fixture.js';

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ id } = await createImportedResource(t.services.db, { rows: 30_000 }));
});
afterAll(async () => { await t.close(); });

const dump = (query = '', resourceId = id, commune = 'ndar-toute') => t.app.inject({ method: 'GET', url: `/${commune}/datastore/dump/${resourceId}${query}` });

describe('datastore dumps', () => {
  it('streams the whole table as CSV, in batches, header first, without then with the BOM', async () => {
    expect(30_000).toBeGreaterThan(2 * dumpBatchSize);
    const response = await dump();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${id}.csv"`);
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe('_id,Libellé,Montant,Quartier n°,Date,Horodatage,Payé');
    expect(lines[1]).toBe('1,Rue 1,1.5,1,2026-01-02,2026-01-01T01:00:00,false');
    expect(lines).toHaveLength(30_002);
    expect(lines.slice(1, -1).map((line) => Number(line.split(',')[0]))).toEqual(Array.from({ length: 30_000 }, (_, i) => i + 1));
    expect(lines.at(-1)).toBe('');
    const excel = await dump('?bom=true&limit=1');
    expect(excel.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(excel.body.replace('\uFEFF', '').split('\r\n')).toHaveLength(3);
  });

  it('dumps JSON as CKAN does: fields, then records as lists in field order', async () => {
    const response = await dump('?format=json&limit=3&fields=_id,Montant&sort=Montant%20desc');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({ fields: [{ id: '_id', type: 'int' }, { id: 'Montant', type: 'numeric' }], records: [[30000, 45000], [29999, 44998.5], [29998, 44997]] });
    const whole = (await dump('?format=json')).json();
    expect(whole.records).toHaveLength(30_000);
    expect(whole.records[29_999][0]).toBe(30_000);
  });

  it('honours q, filters, sort, fields and limit, across batches', async () => {
    const filtered = (await dump(`?format=json&fields=_id&filters=${encodeURIComponent('{"Quartier n°": 3}')}&q=rue`)).json();
    const expected = Array.from({ length: 30_000 }, (_, i) => i + 1).filter((i) => i % 10 === 3 && i % 3 !== 0);
    expect(filtered.records.map((r: number[]) => r[0])).toEqual(expected);
    const sorted = (await dump('?format=json&fields=_id&sort=Montant%20desc&limit=25000')).json();
    expect(sorted.records).toHaveLength(25_000);
    expect(sorted.records[0][0]).toBe(30_000);
    expect(sorted.records[24_999][0]).toBe(5001);
  });

  it('is 404 for another commune, an unpublished dataset, an unknown id; 400 for a bad field or format', async () => {
    expect((await dump('', id, 'tiznit-el-jadida')).statusCode).toBe(404);
    const draft = await createImportedResource(t.services.db, { rows: 2, state: 'draft' });
    expect((await dump('', draft.id)).statusCode).toBe(404);
    expect((await dump('', 'not-a-uuid')).statusCode).toBe(404);
    expect((await dump('?sort=nope')).statusCode).toBe(400);
    expect((await dump('?format=xml')).statusCode).toBe(400);
  });
});
