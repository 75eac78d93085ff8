import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

describe('the demo open data', () => {
  it('loads the finance office’s Windows-1252 export into the datastore with French numbers and dates typed', async () => {
    const search = await t.app.inject({ url: '/ndar-toute/api/3/action/package_show?id=ndar-toute-execution-budget-2026' });
    const [resource] = search.json().result.resources;
    expect(resource).toMatchObject({ datastore_active: true, format: 'CSV' });
    const rows = (await t.app.inject({ url: `/ndar-toute/api/3/action/datastore_search?resource_id=${resource.id}&limit=2` })).json().result;
    expect(rows.total).toBe(14);
    expect(rows.fields.map((f: { id: string; type: string }) => [f.id, f.type])).toEqual([
      ['_id', 'int'], ['Section', 'text'], ['Article', 'int'], ['Libellé', 'text'], ['Prévu (FCFA)', 'numeric'], ['Engagé (FCFA)', 'numeric'], ['Mandaté (FCFA)', 'numeric'], ['Mis à jour le', 'date'],
    ]);
    expect(rows.records[0]).toMatchObject({ Libellé: 'Salaires du personnel communal', 'Prévu (FCFA)': 182400000, 'Mis à jour le': '2026-10-31' });
  });
});
