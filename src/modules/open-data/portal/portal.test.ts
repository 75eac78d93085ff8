import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { datasetRows, networkDatasets } from '../catalogue.js';
import { previewRowCount } from './dataset-views.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const inEnglish = { headers: { 'accept-language': 'en' } };
const datasetLinks = (html: string) => [...html.matchAll(/href="\/([a-z-]+)\/data\/([a-z0-9_-]+)"/g)].map((m) => m[2]!);

describe('commune portal', () => {
  it('lists the commune’s datasets only, with formats, licence and facets counted', async () => {
    const page = await t.request(null, 'GET', '/ndar-toute/data');
    expect(page.statusCode).toBe(200);
    // Twenty datasets a page: the facets count them all.
    const links = [...datasetLinks(page.body), ...datasetLinks((await t.request(null, 'GET', '/ndar-toute/data?page=2')).body)];
    expect(links.length).toBeGreaterThan(20);
    expect(links).toContain('ndar-toute-requests-complaints');
    expect(links.every((name) => name.startsWith('ndar-toute-'))).toBe(true);
    expect(page.body).toContain('Plaintes anonymisées');
    expect(page.body).toContain('Open Data Commons Open Database License (ODbL)');
    // Every dataset has a CSV (module datasets also JSON): the format facet counts them all.
    expect(page.body).toContain(`href="/ndar-toute/data?format=CSV">CSV (${links.length})</a>`);
    // Themes are the EU data themes: budgets are also economy and finance.
    expect(page.body).toContain('href="/ndar-toute/data?theme=ECON">Économie et finances (6)</a>');
    expect(page.body).toContain(`href="/ndar-toute/data?publisher=ndar-toute">Ndar Toute (${links.length})</a>`);
    // The public navigation leads here.
    expect(page.body).toContain('href="/ndar-toute/data"');
  });

  it('searches titles in the reader’s language and in French, accents and case ignored; facets narrow the list', async () => {
    const french = datasetLinks((await t.request(null, 'GET', '/ndar-toute/data?q=PLAINTES%20anonymisees')).body);
    expect(french).toEqual(['ndar-toute-requests-complaints']);
    // An English reader finds it by the English or the French title.
    const english = datasetLinks((await t.request(null, 'GET', '/ndar-toute/data?q=complaints', undefined, inEnglish)).body);
    expect(english).toContain('ndar-toute-requests-complaints');
    const frenchWordInEnglish = datasetLinks((await t.request(null, 'GET', '/ndar-toute/data?q=plaintes', undefined, inEnglish)).body);
    expect(frenchWordInEnglish).toContain('ndar-toute-requests-complaints');
    const none = await t.request(null, 'GET', '/ndar-toute/data?q=zzzz-nothing');
    expect(datasetLinks(none.body)).toEqual([]);
    const theme = datasetLinks((await t.request(null, 'GET', '/ndar-toute/data?theme=ECON')).body);
    expect(theme.sort()).toEqual(['ndar-toute-budget-lines', 'ndar-toute-budgeting-implementation', 'ndar-toute-budgeting-projects', 'ndar-toute-budgeting-results', 'ndar-toute-execution-budget-2026', 'ndar-toute-finances-contracts']);
    // The chosen value is marked and its link removes it, keeping the search.
    const chosen = (await t.request(null, 'GET', '/ndar-toute/data?q=plaintes&theme=SOCI')).body;
    expect(chosen).toContain('href="/ndar-toute/data?q=plaintes" aria-current="true"');
  });

  it('a hostile search is shown inert', async () => {
    const page = await t.request(null, 'GET', `/ndar-toute/data?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(page.statusCode).toBe(200);
    // The typed text comes back in the search box, its quote escaped: it cannot close the attribute.
    expect(page.body).toContain('value="&#34;>');
    expect(page.body).not.toContain('"><script>alert(1)');
  });
});

describe('dataset page', () => {
  it('shows the publisher, licence link, downloads, row count, a 20-row preview and the machine-readable links', async () => {
    const dataset = (await networkDatasets(t.services)).find((d) => d.name === 'ndar-toute-commune-news')!;
    const rows = await datasetRows(t.services, dataset);
    const page = await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-commune-news');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('Actualités publiées');
    expect(html).toContain('href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license"');
    for (const href of ['/ndar-toute/data/ndar-toute-commune-news.csv', '/ndar-toute/data/ndar-toute-commune-news.csv?bom=1', '/ndar-toute/data/ndar-toute-commune-news.json']) expect(html).toContain(`href="${href}"`);
    for (const href of ['/ndar-toute/api/3/action/package_show?id=ndar-toute-commune-news', '/ndar-toute/dataset/ndar-toute-commune-news.jsonld', '/ndar-toute/dataset/ndar-toute-commune-news/datapackage.json']) expect(html).toContain(`href="${href}"`);
    expect(html).toMatch(new RegExp(`id="row-count">${rows.length}<`));
    expect(html).toContain('<th scope="col">title</th>');
    const bodyRows = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!.match(/<tr>/g) ?? [];
    expect(bodyRows.length).toBe(Math.min(rows.length, previewRowCount));
  });

  it('shows at most 20 rows of a longer dataset', async () => {
    const dataset = (await networkDatasets(t.services)).find((d) => d.name === 'ndar-toute-participation-proposals')!;
    const rows = await datasetRows(t.services, dataset);
    const html = (await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-participation-proposals')).body;
    const bodyRows = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1]?.match(/<tr>/g) ?? [];
    expect(bodyRows.length).toBe(Math.min(rows.length, previewRowCount));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('in Arabic the page is right to left', async () => {
    const page = await t.request(null, 'GET', '/tiznit-el-jadida/data/tiznit-el-jadida-commune-news', undefined, { headers: { 'accept-language': 'ar' } });
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('البيانات المفتوحة');
  });

  it('an unknown dataset, or another commune’s, is not found', async () => {
    expect((await t.request(null, 'GET', '/ndar-toute/data/nothing-here')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/data/tiznit-el-jadida-commune-news')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/no-such-commune/data')).statusCode).toBe(404);
  });
});

describe('network portal', () => {
  it('lists both demo communes’ datasets with a commune facet', async () => {
    const page = await t.request(null, 'GET', '/data');
    expect(page.statusCode).toBe(200);
    // Every page of the network's list (20 a page): each module adding a dataset pushes the others further.
    const later = await Promise.all([2, 3, 4].map(async (n) => datasetLinks((await t.request(null, 'GET', `/data?page=${n}`)).body)));
    const links = [...datasetLinks(page.body), ...later.flat()];
    expect(links).toContain('ndar-toute-requests-complaints');
    expect(links).toContain('tiznit-el-jadida-requests-complaints');
    expect(page.body).toContain('id="facet-publisher"');
    expect(page.body).toContain('<meta name="description" content="Les données publiques de toutes les communes du réseau."/>');
    expect(page.body).toContain('href="/data?publisher=tiznit-el-jadida"');
    const tiznit = datasetLinks((await t.request(null, 'GET', '/data?publisher=tiznit-el-jadida')).body);
    expect(tiznit.length).toBeGreaterThan(0);
    expect(tiznit.every((name) => name.startsWith('tiznit-el-jadida-'))).toBe(true);
  });

  it('keeps the portal, a search and a dataset page within the 14 KB compressed page budget', async () => {
    for (const path of ['/ndar-toute/data', '/data', '/data?page=2', '/ndar-toute/data/ndar-toute-execution-budget-2026', '/ndar-toute/data/ndar-toute-requests-complaints']) {
      const response = await t.app.inject({ url: path, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, path).toBe(200);
      expect(response.rawPayload.length, path).toBeLessThanOrEqual(14 * 1024);
    }
  });
});
