import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { datastoreTable } from './tables.js';
import { resourcePreviewPath } from './preview-views.js';
import { createImportedResource } from './test-fixture.js';

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ id } = await createImportedResource(t.services.db, { rows: 120 }));
});
afterAll(async () => { await t.close(); });

const page = async (query = '', resourceId = id, commune = 'ndar-toute') => t.app.inject({ method: 'GET', url: `${resourcePreviewPath(commune, resourceId)}${query}` });
const firstCells = (html: string) => [...html.matchAll(/<tr><td class="number">(\d+)<\/td>/g)].map((m) => Number(m[1]));

describe('resource preview page', () => {
  it('shows 50 rows a page, the row count, downloads, paging links and a bar chart of the numeric column', async () => {
    const response = await page();
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(firstCells(html)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(html).toContain('id="row-count">120 lignes');
    expect(html).toContain(`href="/ndar-toute/datastore/dump/${id}?bom=true"`);
    expect(html).toContain(`href="/ndar-toute/datastore/dump/${id}?format=json"`);
    expect(html).toContain(`rel="next" href="/ndar-toute/data/resources/${id}?page=2"`);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Montant par Libellé/);
    expect(html).toContain('class="table-wrap"');
    expect(firstCells((await page('?page=3')).body)).toEqual(Array.from({ length: 20 }, (_, i) => i + 101));
  });

  it('sorts by a header link and filters by text and by one column', async () => {
    const html = (await page()).body;
    expect(html).toContain(`href="/ndar-toute/data/resources/${id}?sort=Montant"`);
    const ascending = (await page('?sort=Montant')).body;
    expect(ascending).toContain(`href="/ndar-toute/data/resources/${id}?sort=Montant+desc"`);
    expect(firstCells((await page('?sort=Montant+desc')).body).slice(0, 2)).toEqual([120, 119]);
    const filtered = (await page('?q=ecole&filter_field=Quartier+n%C2%B0&filter_value=3')).body;
    expect(firstCells(filtered)).toEqual([3, 33, 63, 93]);
    expect(filtered).toContain('id="row-count">4 lignes');
    const invalid = await page('?filter_field=Montant&filter_value=abc');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('n’est pas valable');
    expect(firstCells(invalid.body)).toHaveLength(50);
  });

  it('escapes hostile values and field names, and draws no chart without a numeric column', async () => {
    const schema = { missingValues: [''], fields: [{ name: '<b>nom</b>', type: 'string' as const }, { name: 'quand', type: 'date' as const }] };
    const hostile = await createImportedResource(t.services.db, { schema, fill: false });
    for (const { value } of hostileStrings) await sql`insert into ${datastoreTable(hostile.id)} (c1) values (${value.replaceAll('\u0000', '')})`.execute(t.services.db);
    const html = (await page('', hostile.id)).body;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    // Inside a quoted attribute `<` is inert; as text it is escaped.
    expect(html.replaceAll('value="<b>nom</b>"', '')).not.toContain('<b>nom</b>');
    expect(html).toContain('<span>&lt;b>nom&lt;/b></span>');
    expect(html).not.toContain('id="datastore-chart"');
    expect((await page('?q=%00%27%3B&filter_field=%3Cb%3Enom%3C%2Fb%3E&filter_value=a%00b', hostile.id)).statusCode).toBe(200);
  });

  it('is 404 for another commune or an unpublished dataset', async () => {
    expect((await page('', id, 'tiznit-el-jadida')).statusCode).toBe(404);
    const withdrawn = await createImportedResource(t.services.db, { rows: 1, state: 'withdrawn' });
    expect((await page('', withdrawn.id)).statusCode).toBe(404);
  });
});
