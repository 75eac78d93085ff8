import { sql } from 'kysely';
import { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { iri } from './api/dcat/vocabulary.js';
import { validateDataPackage } from './api/datapackage/profile-test-helpers.js';
import { missingOn, parseJsonLd, parseTurtle, requiredPaths, tripleSet } from './api/dcat/rdf-test-support.js';
import { insertStaffDataset } from './catalogue-test-helpers.js';
import { communeDatasets, networkDatasets } from './catalogue.js';
import type { OpenDataTables } from './db/tables.js';

let t: TestApp;
let published: Awaited<ReturnType<typeof insertStaffDataset>>;
const base = 'http://127.0.0.1:3000';

beforeAll(async () => {
  t = await createTestApp();
  published = await insertStaffDataset(t, 'ndar-toute', { name: 'ndar-toute-budget-2026', modifiedAt: new Date() });
  await insertStaffDataset(t, 'ndar-toute', { name: 'ndar-toute-draft', state: 'draft', title: 'Brouillon secret' });
  await insertStaffDataset(t, 'tiznit-el-jadida', { name: 'tiznit-budget', title: 'Budget de Tiznit' });
});
afterAll(() => t.close());

const ckan = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();

describe('staff datasets in the catalogue', () => {
  it('are listed with the module datasets once published, never as drafts, and only by their own commune', async () => {
    const ndar = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    const names = (await communeDatasets(t.services, ndar)).map((d) => d.name);
    expect(names).toContain('ndar-toute-budget-2026');
    expect(names).not.toContain('ndar-toute-draft');
    expect(names).not.toContain('tiznit-budget');
    const network = (await networkDatasets(t.services)).map((d) => d.name);
    expect(network).toEqual(expect.arrayContaining(['ndar-toute-budget-2026', 'tiznit-budget']));
    expect(network).not.toContain('ndar-toute-draft');
  });

  it('have a portal page with their metadata, resources, openness stars and quality checklist', async () => {
    const page = await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-budget-2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Exécution du budget 2026');
    expect(page.body).toContain('Économie et finances, Gouvernement et secteur public');
    expect(page.body).toContain('Mensuelle');
    expect(page.body).toContain('Service des finances');
    expect(page.body).toContain(`href="/ndar-toute/dataset/ndar-toute-budget-2026/resource/${published.resources.csv}/download/budget.csv"`);
    expect(page.body).toContain(`href="/ndar-toute/data/resources/${published.resources.csv}"`);
    expect(page.body).toContain('href="https://data.example.org/budgets"');
    expect(page.body).toContain('aria-label="3 étoile(s) d’ouverture sur 5"');
    expect(page.body).toContain('aria-label="1 étoile(s) d’ouverture sur 5"');
    expect(page.body).toContain('3,3 Mo');
    expect(page.body).toContain('5 critères remplis sur 5');
    expect((await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-draft')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/data/ndar-toute-budget-2026')).statusCode).toBe(404);
    // A staff dataset has no generated CSV/JSON: its files are its resources.
    expect((await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-budget-2026.csv')).statusCode).toBe(404);
  });

  it('are searchable by theme, format, licence and publisher on the portal', async () => {
    const byFormat = await t.request(null, 'GET', '/ndar-toute/data?format=PDF');
    expect(byFormat.body).toContain('/ndar-toute/data/ndar-toute-budget-2026');
    expect(byFormat.body).toContain('href="/ndar-toute/data" aria-current="true">PDF (1)');
    const byLicence = await t.request(null, 'GET', '/data?licence=cc-by');
    expect(byLicence.body).toContain('/ndar-toute/data/ndar-toute-budget-2026');
    expect(byLicence.body).toContain('/tiznit-el-jadida/data/tiznit-budget');
    const byPublisher = await t.request(null, 'GET', '/data?licence=cc-by&publisher=tiznit-el-jadida');
    expect(byPublisher.body).not.toContain('/ndar-toute/data/ndar-toute-budget-2026');
  });

  it('are full CKAN packages: their own UUID, version, DCAT extras, file size and hash, openness and quality', async () => {
    const body = await ckan('/ndar-toute/api/3/action/package_show?id=ndar-toute-budget-2026');
    const pkg = body.result;
    expect(pkg.id).toBe(published.id);
    expect(pkg).toMatchObject({ version: '2026.3', license_id: 'cc-by', maintainer: 'Service des finances', maintainer_email: 'finances@example.org' });
    const extras = Object.fromEntries((pkg.extras as { key: string; value: string }[]).map((e) => [e.key, e.value]));
    expect(JSON.parse(extras.theme!)).toEqual(['http://publications.europa.eu/resource/authority/data-theme/ECON', 'http://publications.europa.eu/resource/authority/data-theme/GOVE']);
    expect(extras).toMatchObject({ frequency: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY', temporal_start: '2026-01-01', temporal_end: '2026-12-31', palabre_source: 'staff' });
    const [csv, pdf, link] = pkg.resources;
    expect(csv).toMatchObject({ id: published.resources.csv, package_id: published.id, format: 'CSV', size: 2048, hash: `sha256:${'ab'.repeat(32)}`, datastore_active: true, openness_score: 3, url_type: 'upload' });
    expect(csv.url).toBe(`${base}/ndar-toute/dataset/ndar-toute-budget-2026/resource/${published.resources.csv}/download/budget.csv`);
    expect(pdf).toMatchObject({ format: 'PDF', openness_score: 1, datastore_active: false });
    expect(link).toMatchObject({ url: 'https://data.example.org/budgets', url_type: null });
    expect(pkg.quality).toEqual({ score: 5, max_score: 5, checks: expect.arrayContaining([{ id: 'up_to_date', passed: true }]) });
    const shown = await ckan(`/ndar-toute/api/3/action/resource_show?id=${published.resources.pdf}`);
    expect(shown.result.id).toBe(published.resources.pdf);
    const found = await ckan('/ndar-toute/api/3/action/package_search?fq=res_format:PDF');
    expect(found.result.results.map((p: { name: string }) => p.name)).toEqual(['ndar-toute-budget-2026']);
    const elsewhere = await t.app.inject({ method: 'GET', url: `/tiznit-el-jadida/api/3/action/package_show?id=${published.id}` });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('describe coverage, frequency, version, file size and checksum in DCAT-AP', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/dataset/ndar-toute-budget-2026.ttl');
    expect(response.statusCode).toBe(200);
    const store = new Store(parseTurtle(response.body));
    const dataset = `${base}/ndar-toute/dataset/ndar-toute-budget-2026`;
    const value = (subject: string, predicate: string) => store.getObjects(subject, iri(predicate as never), null).map((o) => o.value);
    expect(value(dataset, 'dct:accrualPeriodicity')).toEqual(['http://publications.europa.eu/resource/authority/frequency/MONTHLY']);
    expect(value(dataset, 'owl:versionInfo')).toEqual(['2026.3']);
    expect(value(`${dataset}#temporal`, 'dcat:startDate')).toEqual(['2026-01-01']);
    expect(value(`${dataset}#spatial`, 'skos:prefLabel')).toEqual(['Commune de Ndar Toute']);
    expect(value(`${dataset}#contact`, 'vcard:hasEmail')).toEqual(['mailto:finances@example.org']);
    const distribution = `${dataset}/resource/${published.resources.csv}`;
    expect(value(distribution, 'dcat:byteSize')).toEqual(['2048']);
    expect(value(`${distribution}#checksum`, 'spdx:checksumValue')).toEqual(['ab'.repeat(32)]);
    for (const [type, paths] of requiredPaths('dcat-ap-SHACL.ttl')) expect(missingOn(store, type, paths), type).toEqual([]);
    // Every recommended dataset property is there once staff fill the form.
    expect(missingOn(store, iri('dcat:Dataset'), requiredPaths('shapes_recommended.ttl').get(iri('dcat:Dataset')) ?? [])).toEqual([]);
    const jsonLd = await t.request(null, 'GET', '/ndar-toute/dataset/ndar-toute-budget-2026.jsonld');
    expect(tripleSet(await parseJsonLd(jsonLd.body))).toEqual(tripleSet(parseTurtle(response.body)));
    const link = `${dataset}/resource/${published.resources.link}`;
    expect(value(link, 'dcat:accessURL')).toEqual(['https://data.example.org/budgets']);
    expect(value(link, 'dcat:downloadURL')).toEqual([]);
  });

  it('have a Data Package with the Table Schema of the imported table, file sizes and hashes', async () => {
    const body = (await t.request(null, 'GET', '/ndar-toute/dataset/ndar-toute-budget-2026/datapackage.json')).json();
    expect(validateDataPackage(body), JSON.stringify(validateDataPackage.errors)).toBe(true);
    expect(body.version).toBe('2026.3');
    expect(body.resources.map((r: { name: string }) => r.name)).toEqual(['budget-execute.csv', 'deliberation.pdf', 'portail-national']);
    expect(body.resources[0]).toMatchObject({ type: 'table', bytes: 2048, hash: `sha256:${'ab'.repeat(32)}`, schema: { fields: [{ name: 'Ligne' }, { name: 'Montant', type: 'number', decimalChar: ',' }] } });
    expect(body.resources[1].schema).toBeUndefined();
  });

  it('are listed 20 a page on the portal, with previous and next links keeping the search', async () => {
    const ndar = await t.communeId('ndar-toute');
    await sql`insert into open_data_datasets (commune_id, name, title, licence_id, state)
      select ${ndar}, 'ndar-lot-' || n, jsonb_build_object('fr', 'Lot ' || n), 'cc-zero', 'published' from generate_series(1, 30) n`.execute(t.services.db);
    const links = (body: string) => [...body.matchAll(/href="\/ndar-toute\/data\/([a-z0-9_-]+)"/g)].map((m) => m[1]);
    const first = await t.request(null, 'GET', '/ndar-toute/data?licence=cc-zero');
    expect(links(first.body)).toHaveLength(20);
    expect(first.body).toContain('30 jeu(x) de données');
    expect(first.body).toContain('Page 1 sur 2');
    expect(first.body).toContain('href="/ndar-toute/data?licence=cc-zero&page=2" rel="next"');
    const second = await t.request(null, 'GET', '/ndar-toute/data?licence=cc-zero&page=2');
    expect(links(second.body)).toHaveLength(10);
    expect(new Set([...links(first.body), ...links(second.body)]).size).toBe(30);
    expect(second.body).toContain('href="/ndar-toute/data?licence=cc-zero" rel="prev"');
    const odd = await t.request(null, 'GET', '/ndar-toute/data?licence=cc-zero&page=-3');
    expect(links(odd.body)).toEqual(links(first.body));
  });

  it('show a change at once: the catalogue cache is keyed on a stamp of the tables, read on every call', async () => {
    const ndar = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    const names = async () => (await communeDatasets(t.services, ndar)).map((d) => d.name);
    expect(await names()).not.toContain('ndar-toute-draft');
    const od = t.services.db.withTables<OpenDataTables>();
    await od.updateTable('open_data_datasets').set({ state: 'published' }).where('name', '=', 'ndar-toute-draft').execute();
    expect(await names()).toContain('ndar-toute-draft');
    await od.updateTable('open_data_datasets').set({ title: JSON.stringify({ fr: 'Nouveau titre' }), revision: 2, modified_at: new Date() }).where('name', '=', 'ndar-toute-draft').execute();
    const renamed = (await communeDatasets(t.services, ndar)).find((d) => d.name === 'ndar-toute-draft');
    expect(renamed?.title.fr).toBe('Nouveau titre');
    await od.updateTable('open_data_datasets').set({ state: 'withdrawn' }).where('name', '=', 'ndar-toute-draft').execute();
    expect(await names()).not.toContain('ndar-toute-draft');
  });
});
