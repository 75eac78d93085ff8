import { DataFactory, type Quad } from 'n3';
import type { Commune } from '../../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../../platform/http/context.js';
import { type Locale, type LocalizedText, locales } from '../../../../platform/i18n/locales.js';
import { type CatalogueDataset, type CatalogueResource, modifiedAt, resourceUrl } from '../../catalogue.js';
import { licenceById } from '../../licences.js';
import { communeName, datasetDescription, everyLanguage } from './describe.js';
import {
  dataThemeScheme,
  dataThemeUri,
  fileTypeUri,
  frequencyUri,
  iri,
  languageUri,
  localAuthority,
  mediaTypeUri,
  type Prefix,
  stableAvailability,
} from './vocabulary.js';

const { namedNode, literal, quad } = DataFactory;

type Curie = `${Prefix}:${string}`;
type Value = { uri: string } | { text: string; lang?: Locale } | { typed: string; datatype: Curie };

/** Collects triples once each; every node has a URI (no blank nodes), so outputs compare triple for triple. */
export class Graph {
  private readonly quads = new Map<string, Quad>();

  add(subject: string, predicate: Curie, value: Value): this {
    const object =
      'uri' in value ? namedNode(value.uri) : 'text' in value ? literal(value.text, value.lang) : literal(value.typed, namedNode(iri(value.datatype)));
    const added = quad(namedNode(subject), namedNode(iri(predicate)), object);
    this.quads.set(`${added.subject.value} ${added.predicate.value} ${added.object.termType}:${added.object.value}@${'language' in added.object ? added.object.language : ''}`, added);
    return this;
  }

  type(subject: string, type: Curie): this {
    return this.add(subject, 'rdf:type', { uri: iri(type) });
  }

  texts(subject: string, predicate: Curie, text: LocalizedText): this {
    for (const locale of locales) {
      const value = text[locale];
      if (value) this.add(subject, predicate, { text: value, lang: locale });
    }
    return this;
  }

  /** Grouped by subject (in order of first mention), so Turtle and RDF/XML describe each node in one block. */
  all(): Quad[] {
    const bySubject = new Map<string, Quad[]>();
    for (const added of this.quads.values()) bySubject.set(added.subject.value, [...(bySubject.get(added.subject.value) ?? []), added]);
    return [...bySubject.values()].flat();
  }
}

/** Where things live on this site, by the ckanext-dcat conventions (`/dataset/<name>`, `…/resource/<id>`). */
export const uris = {
  communeCatalog: (base: string, slug: string) => `${base}/${slug}/catalog`,
  networkCatalog: (base: string) => `${base}/catalog`,
  dataset: (base: string, dataset: CatalogueDataset) => `${base}/${dataset.commune.slug}/dataset/${dataset.name}`,
  distribution: (base: string, dataset: CatalogueDataset, resource: CatalogueResource) => `${uris.dataset(base, dataset)}/resource/${resource.id}`,
  commune: (base: string, slug: string) => `${base}/${slug}#commune`,
  contact: (base: string, slug: string) => `${base}/${slug}#contact`,
};

export interface Described {
  services: PlatformServices;
  baseUrl: string;
  /** dct:modified: module datasets are regenerated from live data on every request, so their date is now. */
  now: Date;
}

type Publisher = CatalogueDataset['commune'];

function addCommuneAgent(graph: Graph, { baseUrl }: Described, commune: Publisher): string {
  const agent = uris.commune(baseUrl, commune.slug);
  graph.type(agent, 'foaf:Agent').add(agent, 'dct:type', { uri: localAuthority });
  graph.texts(agent, 'foaf:name', Object.fromEntries(locales.map((locale) => [locale, communeName(commune, locale)])));
  if (commune.contact.website) graph.add(agent, 'foaf:homepage', { uri: commune.contact.website });
  if (commune.contact.email) graph.add(agent, 'foaf:mbox', { uri: `mailto:${commune.contact.email}` });
  return agent;
}

function addContactPoint(graph: Graph, { baseUrl }: Described, dataset: CatalogueDataset): string {
  const { commune } = dataset;
  const own = dataset.contact;
  const contact = own ? `${uris.dataset(baseUrl, dataset)}#contact` : uris.contact(baseUrl, commune.slug);
  const email = own ? own.email : commune.contact.email;
  graph.type(contact, 'vcard:Kind').add(contact, 'vcard:fn', { text: own?.name ?? communeName(commune, commune.default_locale) });
  if (email) graph.add(contact, 'vcard:hasEmail', { uri: `mailto:${email}` });
  if (commune.contact.website) graph.add(contact, 'vcard:hasURL', { uri: commune.contact.website });
  return contact;
}

const dateTime = (date: Date) => ({ typed: date.toISOString(), datatype: 'xsd:dateTime' as const });

/** Size and SHA-256 of an uploaded file (module files are generated on request: they have neither). */
function addFileFacts(graph: Graph, distribution: string, resource: CatalogueResource): void {
  if (resource.byteSize !== null) graph.add(distribution, 'dcat:byteSize', { typed: String(resource.byteSize), datatype: 'xsd:nonNegativeInteger' });
  if (!resource.sha256) return;
  const checksum = `${distribution}#checksum`;
  graph.add(distribution, 'spdx:checksum', { uri: checksum }).type(checksum, 'spdx:Checksum');
  graph.add(checksum, 'spdx:algorithm', { uri: iri('spdx:checksumAlgorithm_sha256') });
  graph.add(checksum, 'spdx:checksumValue', { typed: resource.sha256, datatype: 'xsd:hexBinary' });
}

function addDistribution(graph: Graph, context: Described, dataset: CatalogueDataset, resource: CatalogueResource): string {
  const distribution = uris.distribution(context.baseUrl, dataset, resource);
  const url = resourceUrl(context.baseUrl, resource);
  const description = Object.keys(resource.description).length ? resource.description : datasetDescription(context.services, dataset);
  graph
    .type(distribution, 'dcat:Distribution')
    .add(distribution, 'dct:title', { text: resource.name })
    .texts(distribution, 'dct:description', description)
    .add(distribution, 'dcat:accessURL', { uri: url })
    .add(distribution, 'dcat:mediaType', { uri: mediaTypeUri(resource.mediaType) })
    .add(distribution, 'dcatap:availability', { uri: stableAvailability })
    .add(distribution, 'dct:modified', dateTime(modifiedAt(resource, context.now)));
  if (!resource.external) graph.add(distribution, 'dcat:downloadURL', { uri: url });
  const format = fileTypeUri(resource.format);
  if (format) graph.add(distribution, 'dct:format', { uri: format });
  addFileFacts(graph, distribution, resource);
  const licence = licenceById(dataset.licenceId);
  if (licence) {
    graph.add(distribution, 'dct:license', { uri: licence.url });
    graph.type(licence.url, 'dct:LicenseDocument').add(licence.url, 'dct:title', { text: licence.title });
  }
  return distribution;
}

/** Temporal and spatial coverage, as nodes of their own (dct:PeriodOfTime, dct:Location) named after the dataset. */
function addCoverage(graph: Graph, subject: string, dataset: CatalogueDataset): void {
  if (dataset.temporal) {
    const period = `${subject}#temporal`;
    graph.add(subject, 'dct:temporal', { uri: period }).type(period, 'dct:PeriodOfTime');
    if (dataset.temporal.start) graph.add(period, 'dcat:startDate', { typed: dataset.temporal.start, datatype: 'xsd:date' });
    if (dataset.temporal.end) graph.add(period, 'dcat:endDate', { typed: dataset.temporal.end, datatype: 'xsd:date' });
  }
  if (dataset.spatial) {
    const place = `${subject}#spatial`;
    graph.add(subject, 'dct:spatial', { uri: place }).type(place, 'dct:Location').add(place, 'skos:prefLabel', { text: dataset.spatial });
  }
}

/** A dataset with its publisher, contact point, coverage and distributions; returns its URI. */
export function addDataset(graph: Graph, context: Described, dataset: CatalogueDataset): string {
  const subject = uris.dataset(context.baseUrl, dataset);
  graph.type(subject, 'dcat:Dataset').add(subject, 'dct:identifier', { text: dataset.name });
  graph.texts(subject, 'dct:title', dataset.title).texts(subject, 'dct:description', datasetDescription(context.services, dataset));
  for (const keyword of dataset.keywords) graph.add(subject, 'dcat:keyword', { text: keyword });
  for (const theme of dataset.themes) graph.add(subject, 'dcat:theme', { uri: dataThemeUri(theme) });
  graph
    .add(subject, 'dct:publisher', { uri: addCommuneAgent(graph, context, dataset.commune) })
    .add(subject, 'dcat:contactPoint', { uri: addContactPoint(graph, context, dataset) })
    .add(subject, 'dcat:landingPage', { uri: subject })
    .add(subject, 'dct:accrualPeriodicity', { uri: frequencyUri(dataset.frequency) })
    .add(subject, 'dct:modified', dateTime(modifiedAt(dataset, context.now)));
  if (dataset.created) graph.add(subject, 'dct:issued', dateTime(dataset.created));
  if (dataset.version) graph.add(subject, 'owl:versionInfo', { text: dataset.version });
  addCoverage(graph, subject, dataset);
  for (const resource of dataset.resources) graph.add(subject, 'dcat:distribution', { uri: addDistribution(graph, context, dataset, resource) });
  return subject;
}

export interface Paging {
  /** URL of this page without the query string, e.g. https://…/ndar-toute/catalog.ttl */
  pageUrl: string;
  page: number;
  perPage: number;
  totalItems: number;
}

export const lastPage = (paging: Pick<Paging, 'perPage' | 'totalItems'>) => Math.max(1, Math.ceil(paging.totalItems / paging.perPage));

/**
 * Hydra paging as ckanext-dcat writes it (a hydra:PagedCollection whose links are literals), with both the
 * current Hydra terms (first/next…) and the older ones (firstPage/nextPage…): ckanext-dcat reads the former
 * first, udata's DCAT harvester reads nextPage on a PagedCollection or next on a PartialCollectionView.
 */
function addPaging(graph: Graph, paging: Paging): void {
  const at = (page: number) => ({ typed: `${paging.pageUrl}?page=${page}`, datatype: 'xsd:string' as const });
  const subject = `${paging.pageUrl}?page=${paging.page}`;
  const last = lastPage(paging);
  graph.type(subject, 'hydra:PagedCollection').type(subject, 'hydra:PartialCollectionView');
  graph.add(subject, 'hydra:totalItems', { typed: String(paging.totalItems), datatype: 'xsd:integer' });
  graph.add(subject, 'hydra:itemsPerPage', { typed: String(paging.perPage), datatype: 'xsd:integer' });
  graph.add(subject, 'hydra:first', at(1)).add(subject, 'hydra:firstPage', at(1));
  graph.add(subject, 'hydra:last', at(last)).add(subject, 'hydra:lastPage', at(last));
  if (paging.page < last) graph.add(subject, 'hydra:next', at(paging.page + 1)).add(subject, 'hydra:nextPage', at(paging.page + 1));
  if (paging.page > 1) graph.add(subject, 'hydra:previous', at(paging.page - 1)).add(subject, 'hydra:previousPage', at(paging.page - 1));
}

export interface CatalogDescription {
  uri: string;
  homepage: string;
  title: LocalizedText;
  description: LocalizedText;
  languages: Locale[];
  /** The commune for a commune's catalogue; the network's own agent otherwise. */
  publisher: { commune: Publisher } | { uri: string; name: LocalizedText };
}

/** A catalogue page: the catalogue itself, this page's datasets in full, and the Hydra paging triples. */
export function catalogGraph(context: Described, catalog: CatalogDescription, datasets: CatalogueDataset[], paging: Paging): Graph {
  const graph = new Graph();
  const { uri } = catalog;
  graph.type(uri, 'dcat:Catalog').texts(uri, 'dct:title', catalog.title).texts(uri, 'dct:description', catalog.description);
  let publisher: string;
  if ('commune' in catalog.publisher) publisher = addCommuneAgent(graph, context, catalog.publisher.commune);
  else {
    publisher = catalog.publisher.uri;
    graph.type(publisher, 'foaf:Agent').texts(publisher, 'foaf:name', catalog.publisher.name);
  }
  graph
    .add(uri, 'dct:publisher', { uri: publisher })
    .add(uri, 'foaf:homepage', { uri: catalog.homepage })
    .add(uri, 'dcat:themeTaxonomy', { uri: dataThemeScheme })
    .add(uri, 'dct:modified', { typed: context.now.toISOString(), datatype: 'xsd:dateTime' });
  for (const locale of catalog.languages) graph.add(uri, 'dct:language', { uri: languageUri(locale) });
  for (const dataset of datasets) graph.add(uri, 'dcat:dataset', { uri: addDataset(graph, context, dataset) });
  addPaging(graph, paging);
  return graph;
}

/** A commune's catalogue, described in every interface language. */
export function communeCatalog(context: Described, commune: Commune): CatalogDescription {
  const name = (locale: Locale) => ({ commune: communeName(commune, locale) });
  return {
    uri: uris.communeCatalog(context.baseUrl, commune.slug),
    homepage: `${context.baseUrl}/${commune.slug}`,
    title: everyLanguage(context.services, 'open-data.dcat.catalog_title', name),
    description: everyLanguage(context.services, 'open-data.dcat.catalog_description', name),
    languages: commune.enabled_locales,
    publisher: { commune },
  };
}

/** The install-wide catalogue: every commune's datasets, published by the network. */
export function networkCatalog(context: Described): CatalogDescription {
  const none = () => ({});
  return {
    uri: uris.networkCatalog(context.baseUrl),
    homepage: `${context.baseUrl}/`,
    title: everyLanguage(context.services, 'open-data.dcat.network_title', none),
    description: everyLanguage(context.services, 'open-data.dcat.network_description', none),
    languages: [...locales],
    publisher: { uri: `${context.baseUrl}/#network`, name: everyLanguage(context.services, 'open-data.dcat.network_publisher', none) },
  };
}
