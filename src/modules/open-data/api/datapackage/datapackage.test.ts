import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test-support/test-app.js';
import { datasetRows, networkDatasets } from '../../catalogue.js';
import { validateDataPackage } from './profile-test-helpers.js';
import { inferTableSchema } from './table-schema.js';

let t: TestApp;
const base = 'http://127.0.0.1:3000';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('Data Package v2 of a dataset', () => {
  it('is valid against the official datapackage 2.0 profile, for every module dataset', async () => {
    for (const dataset of await networkDatasets(t.services)) {
      const response = await t.request(null, 'GET', `/${dataset.commune.slug}/dataset/${dataset.name}/datapackage.json`);
      expect(response.statusCode, dataset.name).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const valid = validateDataPackage(response.json());
      expect(validateDataPackage.errors ?? [], dataset.name).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('names its profile, licence, publisher and CSV resource with the Table Schema of the rows it holds', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/dataset/ndar-toute-requests-complaints/datapackage.json');
    const body = response.json();
    expect(body).toMatchObject({
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: 'ndar-toute-requests-complaints',
      title: expect.stringMatching(/^Plaintes/),
      description: expect.any(String),
      licenses: [{ name: 'odc-odbl', path: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Data Commons Open Database License (ODbL)' }],
      contributors: [{ title: 'Ndar Toute', roles: ['publisher'], path: `${base}/ndar-toute` }],
      created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(body.resources).toHaveLength(1);
    const [resource] = body.resources;
    expect(resource).toMatchObject({
      name: 'requests-complaints',
      path: `${base}/ndar-toute/data/ndar-toute-requests-complaints.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
    });
    const dataset = (await networkDatasets(t.services)).find((d) => d.name === 'ndar-toute-requests-complaints')!;
    const rows = await datasetRows(t.services, dataset);
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(Object.keys(rows[0]!));
    for (const field of resource.schema.fields) expect(['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'object', 'array']).toContain(field.type);
  });

  it('is not found for an unknown name or another commune’s dataset, in JSON', async () => {
    for (const url of ['/ndar-toute/dataset/nothing-here/datapackage.json', '/tiznit-el-jadida/dataset/ndar-toute-requests-complaints/datapackage.json', '/nowhere/dataset/x/datapackage.json']) {
      const response = await t.request(null, 'GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: { status: 404, message: expect.any(String) } });
    }
  });
});

describe('Table Schema inference', () => {
  it('gives each column the narrowest type of its values, and required when no row leaves it empty', () => {
    const schema = inferTableSchema([
      { id: 1, amount: 2, label: 'a', day: '2026-01-31', at: new Date('2026-01-31T10:00:00Z'), open: true, meta: { a: 1 }, note: null },
      { id: 2, amount: 2.5, label: '', day: '2026-02-01', at: '2026-02-01T10:00:00.000Z', open: false, meta: { b: 2 }, note: 'x', extra: 3 },
    ]);
    expect(schema.fields).toEqual([
      { name: 'id', type: 'integer', constraints: { required: true } },
      { name: 'amount', type: 'number', constraints: { required: true } },
      { name: 'label', type: 'string' },
      { name: 'day', type: 'date', constraints: { required: true } },
      { name: 'at', type: 'datetime', constraints: { required: true } },
      { name: 'open', type: 'boolean', constraints: { required: true } },
      { name: 'meta', type: 'object', constraints: { required: true } },
      { name: 'note', type: 'string' },
      { name: 'extra', type: 'integer' },
    ]);
  });

  it('mixed values fall back to string', () => {
    expect(inferTableSchema([{ v: 1 }, { v: 'one' }, { v: '2026-01-01' }]).fields).toEqual([{ name: 'v', type: 'string', constraints: { required: true } }]);
  });
});
