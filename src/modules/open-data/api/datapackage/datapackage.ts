import { pickLocalized } from '../../../../platform/i18n/locales.js';
import { type CatalogueDataset, type CatalogueResource, resourceUrl } from '../../catalogue.js';
import { licenceById } from '../../licences.js';
import { communeName, datasetDescription, inLanguage } from '../dcat/describe.js';
import type { Described } from '../dcat/graph.js';
import { uris } from '../dcat/graph.js';
import { inferTableSchema } from './table-schema.js';

export const dataPackageProfile = 'https://datapackage.org/profiles/2.0/datapackage.json';
const dataResourceProfile = 'https://datapackage.org/profiles/2.0/dataresource.json';
const tableSchemaProfile = 'https://datapackage.org/profiles/2.0/tableschema.json';

/** A resource name as Data Package wants it: lower case letters, digits, '-', '_' and '.'. */
const resourceName = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'resource';

/** A module dataset's CSV, with the Table Schema inferred from the rows it holds now. */
function moduleResources(context: Described, dataset: CatalogueDataset, rows: Record<string, unknown>[]) {
  const schema = inferTableSchema(rows);
  return dataset.resources.filter((resource) => resource.format === 'CSV').map((resource) => ({
    $schema: dataResourceProfile,
    name: resource.name.replace(/\.csv$/, ''),
    type: 'table',
    path: `${context.baseUrl}${resource.path}`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    // A Table Schema needs one field at least: an export with no rows yet has no columns to describe.
    ...(schema.fields.length > 0 ? { schema } : {}),
  }));
}

/** A staff resource: the uploaded file (size and SHA-256) or link, with the Table Schema staff checked on import. */
function staffResource(context: Described, dataset: CatalogueDataset, resource: CatalogueResource) {
  const description = pickLocalized(resource.description, dataset.commune.default_locale)?.value;
  const schema = resource.tableSchema;
  return {
    $schema: dataResourceProfile,
    name: resourceName(resource.name),
    title: resource.name,
    ...(description ? { description } : {}),
    ...(schema && schema.fields.length > 0 ? { type: 'table', schema: { $schema: tableSchemaProfile, ...schema } } : {}),
    path: resourceUrl(context.baseUrl, resource),
    format: resource.format.toLowerCase(),
    mediatype: resource.mediaType,
    ...(resource.byteSize !== null ? { bytes: resource.byteSize } : {}),
    ...(resource.sha256 ? { hash: `sha256:${resource.sha256}` } : {}),
  };
}

/**
 * The Frictionless Data Package (v2) of a dataset. Text fields are in the commune's default language (Data
 * Package has no language map).
 */
export function dataPackageOf(context: Described, dataset: CatalogueDataset, rows: Record<string, unknown>[]) {
  const locale = dataset.commune.default_locale;
  const licence = licenceById(dataset.licenceId);
  const commune = dataset.commune;
  const datasetUri = uris.dataset(context.baseUrl, dataset);
  const resources = dataset.source.kind === 'module' ? moduleResources(context, dataset, rows) : dataset.resources.map((resource) => staffResource(context, dataset, resource));
  // Names must be unique within a package: a second "budget.csv" becomes "budget.csv-2".
  const seen = new Map<string, number>();
  for (const resource of resources) {
    const count = (seen.get(resource.name) ?? 0) + 1;
    seen.set(resource.name, count);
    if (count > 1) resource.name = `${resource.name}-${count}`;
  }
  return {
    $schema: dataPackageProfile,
    name: dataset.name,
    id: datasetUri,
    title: inLanguage(dataset.title, locale),
    description: pickLocalized(datasetDescription(context.services, dataset), locale)?.value ?? '',
    homepage: datasetUri,
    created: (dataset.created ?? context.now).toISOString(),
    ...(dataset.version ? { version: dataset.version } : {}),
    keywords: dataset.keywords,
    licenses: licence ? [{ name: licence.id, path: licence.url, title: licence.title }] : [],
    contributors: [
      {
        title: communeName(commune, locale),
        roles: ['publisher'],
        path: `${context.baseUrl}/${commune.slug}`,
        ...(commune.contact.email ? { email: commune.contact.email } : {}),
      },
    ],
    resources,
  };
}
