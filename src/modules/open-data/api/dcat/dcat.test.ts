import { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../../../platform/db/platform-tables.js';
import { createTestApp, type TestApp } from '../../../../test-support/test-app.js';
import { type CatalogueDataset, communeDatasets, networkDatasets } from '../../catalogue.js';
import { catalogGraph, communeCatalog } from './graph.js';
import { missingOn, parseJsonLd, parseRdfXml, parseTurtle, requiredPaths, tripleSet } from './rdf-test-support.js';
import { datasetsPerPage } from './routes.js';
import { iri } from './vocabulary.js';

let t: TestApp;
let ndar: Commune;
const base = 'http://127.0.0.1:3000';
const rdfType = iri('rdf:type');

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
});
afterAll(() => t.close());

async function turtleOf(url: string): Promise<Store> {
  const response = await t.request(null, 'GET', url);
  expect(response.statusCode, url).toBe(200);
  return new Store(parseTurtle(response.body));
}

const objects = (store: Store, subject: string, predicate: `${'dct' | 'dcat' | 'foaf' | 'vcard' | 'hydra' | 'rdf' | 'dcatap'}:${string}`) =>
  store.getObjects(subject, iri(predicate), null);
const values = (store: Store, subject: string, predicate: Parameters<typeof objects>[2]) => objects(store, subject, predicate).map((o) => o.value).sort();
const languages = (store: Store, subject: string, predicate: Parameters<typeof objects>[2]) =>
  objects(store, subject, predicate).map((o) => (o.termType === 'Literal' ? o.language : '')).sort();

describe('DCAT-AP 3 catalogue of a commune', () => {
  it('answers JSON-LD, Turtle and RDF/XML (.rdf, and .xml as ckanext-dcat does) with their media types', async () => {
    const expected = { jsonld: 'application/ld+json', ttl: 'text/turtle', rdf: 'application/rdf+xml', xml: 'application/rdf+xml' };
    for (const [extension, type] of Object.entries(expected)) {
      for (const path of [`/ndar-toute/catalog.${extension}`, `/ndar-toute/dataset/ndar-toute-commune-news.${extension}`, `/catalog.${extension}`]) {
        const response = await t.request(null, 'GET', path);
        expect(response.statusCode, path).toBe(200);
        expect(response.headers['content-type'], path).toBe(`${type}; charset=utf-8`);
      }
    }
  });

  it('gives every node the properties the DCAT-AP 3.0.1 SHACL shapes make mandatory', async () => {
    const mandatory = requiredPaths('dcat-ap-SHACL.ttl');
    // The shapes themselves: the catalogue must have a title, a description and a publisher.
    expect([...(mandatory.get(iri('dcat:Catalog')) ?? [])]).toEqual(expect.arrayContaining([iri('dct:title'), iri('dct:description'), iri('dct:publisher')]));
    expect([...(mandatory.get(iri('dcat:Distribution')) ?? [])]).toContain(iri('dcat:accessURL'));
    for (const url of ['/ndar-toute/catalog.ttl', '/catalog.ttl', '/ndar-toute/dataset/ndar-toute-requests-complaints.ttl']) {
      const store = await turtleOf(url);
      for (const [type, paths] of mandatory) expect(missingOn(store, type, paths), `${url} ${type}`).toEqual([]);
      expect(store.getSubjects(rdfType, iri('dcat:Distribution'), null).length, url).toBeGreaterThan(0);
    }
  });

  it('describes the catalogue: titles in every language, the commune as publisher, home page, languages, modification date, its datasets', async () => {
    const store = await turtleOf('/ndar-toute/catalog.ttl');
    const catalog = `${base}/ndar-toute/catalog`;
    expect(store.getSubjects(rdfType, iri('dcat:Catalog'), null).map((s) => s.value)).toEqual([catalog]);
    expect(languages(store, catalog, 'dct:title')).toEqual(['ar', 'en', 'fr', 'pt']);
    expect(languages(store, catalog, 'dct:description')).toEqual(['ar', 'en', 'fr', 'pt']);
    const [publisher] = values(store, catalog, 'dct:publisher');
    expect(values(store, publisher!, 'rdf:type')).toEqual([iri('foaf:Agent')]);
    expect(objects(store, publisher!, 'foaf:name').find((o) => o.termType === 'Literal' && o.language === 'fr')?.value).toBe('Ndar Toute');
    expect(values(store, catalog, 'foaf:homepage')).toEqual([`${base}/ndar-toute`]);
    expect(values(store, catalog, 'dct:language')).toContain('http://publications.europa.eu/resource/authority/language/FRA');
    expect(objects(store, catalog, 'dct:modified')[0]).toMatchObject({ termType: 'Literal', datatype: { value: iri('xsd:dateTime') } });
    const names = (await communeDatasets(t.services, ndar)).map((d) => `${base}/ndar-toute/dataset/${d.name}`);
    expect(values(store, catalog, 'dcat:dataset')).toEqual([...names].sort());
  });

  it('describes a dataset and its distributions with the controlled vocabularies DCAT-AP requires', async () => {
    const store = await turtleOf('/ndar-toute/dataset/ndar-toute-requests-complaints.ttl');
    const dataset = `${base}/ndar-toute/dataset/ndar-toute-requests-complaints`;
    expect(values(store, dataset, 'rdf:type')).toEqual([iri('dcat:Dataset')]);
    expect(values(store, dataset, 'dct:identifier')).toEqual(['ndar-toute-requests-complaints']);
    expect(languages(store, dataset, 'dct:title')).toEqual(['ar', 'en', 'fr', 'pt']);
    expect(languages(store, dataset, 'dct:description')).toEqual(['ar', 'en', 'fr', 'pt']);
    expect(values(store, dataset, 'dcat:keyword')).toEqual(['requests']);
    expect(values(store, dataset, 'dcat:theme')).toContain('http://publications.europa.eu/resource/authority/data-theme/GOVE');
    expect(values(store, dataset, 'dcat:landingPage')).toEqual([dataset]);
    expect(values(store, dataset, 'dct:publisher')).toEqual([`${base}/ndar-toute#commune`]);
    const [contact] = values(store, dataset, 'dcat:contactPoint');
    expect(values(store, contact!, 'rdf:type')).toEqual([iri('vcard:Kind')]);
    expect(values(store, contact!, 'vcard:fn')).toEqual(['Ndar Toute']);
    expect(values(store, contact!, 'vcard:hasEmail')).toEqual([`mailto:${ndar.contact.email}`]);
    const distributions = values(store, dataset, 'dcat:distribution');
    expect(distributions).toEqual([`${dataset}/resource/ndar-toute-requests-complaints.csv`, `${dataset}/resource/ndar-toute-requests-complaints.json`]);
    const csv = distributions[0]!;
    expect(values(store, csv, 'rdf:type')).toEqual([iri('dcat:Distribution')]);
    expect(values(store, csv, 'dct:title')).toEqual(['requests-complaints.csv']);
    expect(values(store, csv, 'dcat:accessURL')).toEqual([`${base}/ndar-toute/data/ndar-toute-requests-complaints.csv`]);
    expect(values(store, csv, 'dcat:downloadURL')).toEqual([`${base}/ndar-toute/data/ndar-toute-requests-complaints.csv`]);
    expect(values(store, csv, 'dct:format')).toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV']);
    expect(values(store, csv, 'dcat:mediaType')).toEqual(['https://www.iana.org/assignments/media-types/text/csv']);
    expect(values(store, csv, 'dct:license')).toEqual(['https://opendatacommons.org/licenses/odbl/1-0/']);
  });

  it('lacks exactly the recommended properties listed in docs/modules/open-data.md', async () => {
    const recommended = requiredPaths('shapes_recommended.ttl');
    const store = await turtleOf('/ndar-toute/catalog.ttl');
    const missing = (type: string) => missingOn(store, type, recommended.get(type) ?? []);
    expect(missing(iri('dcat:Catalog'))).toEqual([iri('dct:issued'), iri('dct:license'), iri('dct:spatial')].sort());
    expect(missing(iri('dcat:Dataset'))).toEqual([iri('dct:spatial'), iri('dct:temporal')].sort());
    expect(missing(iri('dcat:Distribution'))).toEqual([]);
    expect(missing(iri('foaf:Agent'))).toEqual([]);
  });

  it('JSON-LD, Turtle and RDF/XML of the same catalogue parse to the same triples', async () => {
    for (const path of ['/ndar-toute/catalog', '/catalog', '/ndar-toute/dataset/ndar-toute-commune-news']) {
      // dct:modified is the time of each request, and the paging node is the page's own URL (…/catalog.ttl?page=1).
      const withoutDates = (quads: Awaited<ReturnType<typeof parseJsonLd>>) =>
        new Set([...tripleSet(quads)].filter((triple) => !triple.includes(iri('dct:modified'))).map((triple) => triple.replace(/catalog\.(ttl|jsonld|rdf)\?/g, 'catalog.*?')));
      const [turtle, json, xml] = await Promise.all(['ttl', 'jsonld', 'rdf'].map((ext) => t.request(null, 'GET', `${path}.${ext}`)));
      const fromTurtle = withoutDates(parseTurtle(turtle!.body));
      expect(fromTurtle.size, path).toBeGreaterThan(20);
      expect(withoutDates(await parseJsonLd(json!.body)), path).toEqual(fromTurtle);
      expect(withoutDates(await parseRdfXml(xml!.body)), path).toEqual(fromTurtle);
    }
  });

  it('a commune lists only its own datasets; another commune’s dataset is not found under it', async () => {
    const store = await turtleOf('/tiznit-el-jadida/catalog.ttl');
    const datasets = store.getSubjects(rdfType, iri('dcat:Dataset'), null).map((s) => s.value);
    expect(datasets.length).toBeGreaterThan(0);
    expect(datasets.every((uri) => uri.startsWith(`${base}/tiznit-el-jadida/dataset/tiznit-el-jadida-`))).toBe(true);
    expect(store.getSubjects(rdfType, iri('foaf:Agent'), null).map((s) => s.value)).toEqual([`${base}/tiznit-el-jadida#commune`]);
    const crossed = await t.request(null, 'GET', '/tiznit-el-jadida/dataset/ndar-toute-requests-complaints.ttl');
    expect(crossed.statusCode).toBe(404);
  });

  it('the install-wide catalogue lists every commune’s datasets, published by the network', async () => {
    const store = await turtleOf('/catalog.ttl');
    const catalog = `${base}/catalog`;
    const expected = (await networkDatasets(t.services)).map((d) => `${base}/${d.commune.slug}/dataset/${d.name}`);
    expect(values(store, catalog, 'dcat:dataset')).toEqual([...expected].sort());
    expect(values(store, catalog, 'dct:publisher')).toEqual([`${base}/#network`]);
  });

  it('answers 404 in JSON for an unknown commune, dataset, format or page, and 400 for a malformed page', async () => {
    const cases: [string, number][] = [
      ['/nowhere/catalog.ttl', 404],
      ['/ndar-toute/dataset/no-such-dataset.jsonld', 404],
      ['/ndar-toute/catalog.n3', 404],
      ['/ndar-toute/catalog.ttl?page=2', 404],
      ['/ndar-toute/catalog.ttl?page=0', 400],
      ['/catalog.jsonld?page=abc', 400],
    ];
    for (const [url, status] of cases) {
      const response = await t.request(null, 'GET', url);
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toBe('application/json; charset=utf-8');
      expect(response.json(), url).toEqual({ error: { status, message: expect.any(String) } });
    }
  });
});

describe('Hydra paging', () => {
  it('a single page names itself first and last, with the total and no next or previous page', async () => {
    const store = await turtleOf('/ndar-toute/catalog.ttl?page=1');
    const page = `${base}/ndar-toute/catalog.ttl?page=1`;
    expect(values(store, page, 'rdf:type')).toEqual([iri('hydra:PagedCollection'), iri('hydra:PartialCollectionView')].sort());
    expect(values(store, page, 'hydra:totalItems')).toEqual([String((await communeDatasets(t.services, ndar)).length)]);
    expect(values(store, page, 'hydra:itemsPerPage')).toEqual(['100']);
    expect(values(store, page, 'hydra:first')).toEqual([page]);
    expect(values(store, page, 'hydra:last')).toEqual([page]);
    expect(values(store, page, 'hydra:next')).toEqual([]);
    expect(values(store, page, 'hydra:previous')).toEqual([]);
  });

  it('100 datasets a page, with first, last, next and previous links (old and new Hydra terms)', async () => {
    const [model] = (await communeDatasets(t.services, ndar)) as [CatalogueDataset];
    const many = Array.from({ length: 250 }, (_, i) => ({ ...model, name: `${model.name}-${i}` }));
    const described = { services: t.services, baseUrl: base, now: new Date() };
    const pageUrl = `${base}/ndar-toute/catalog.ttl`;
    const onPage = many.slice(datasetsPerPage, 2 * datasetsPerPage);
    const store = new Store(catalogGraph(described, communeCatalog(described, ndar), onPage, { pageUrl, page: 2, perPage: datasetsPerPage, totalItems: many.length }).all());
    const page = `${pageUrl}?page=2`;
    expect(store.getSubjects(rdfType, iri('dcat:Dataset'), null)).toHaveLength(100);
    expect(values(store, page, 'hydra:totalItems')).toEqual(['250']);
    expect(values(store, page, 'hydra:first')).toEqual([`${pageUrl}?page=1`]);
    expect(values(store, page, 'hydra:previous')).toEqual([`${pageUrl}?page=1`]);
    expect(values(store, page, 'hydra:next')).toEqual([`${pageUrl}?page=3`]);
    expect(values(store, page, 'hydra:nextPage')).toEqual([`${pageUrl}?page=3`]);
    expect(values(store, page, 'hydra:last')).toEqual([`${pageUrl}?page=3`]);
    expect(values(store, page, 'hydra:lastPage')).toEqual([`${pageUrl}?page=3`]);
  });
});
