import { pickLocalized } from '../../../../platform/i18n/locales.js';
import type { CatalogueDataset } from '../../catalogue.js';
import { licenceById } from '../../licences.js';
import { communeName, datasetDescription, inLanguage } from '../dcat/describe.js';
import type { Described } from '../dcat/graph.js';
import { uris } from '../dcat/graph.js';
import { inferTableSchema } from './table-schema.js';

export const dataPackageProfile = 'https://datapackage.org/profiles/2.0/datapackage.json';
const dataResourceProfile = 'https://datapackage.org/profiles/2.0/dataresource.json';

/**
 * The Frictionless Data Package (v2) of a dataset: its CSV resource with the Table Schema inferred from the
 * rows the CSV holds now. Text fields are in the commune's default language (Data Package has no language map).
 */
export function dataPackageOf(context: Described, dataset: CatalogueDataset, rows: Record<string, unknown>[]) {
  const locale = dataset.commune.default_locale;
  const licence = licenceById(dataset.licenceId);
  const commune = dataset.commune;
  const csv = dataset.resources.filter((resource) => resource.format === 'CSV');
  const datasetUri = uris.dataset(context.baseUrl, dataset);
  const schema = inferTableSchema(rows);
  return {
    $schema: dataPackageProfile,
    name: dataset.name,
    id: datasetUri,
    title: inLanguage(dataset.title, locale),
    description: pickLocalized(datasetDescription(context.services, dataset), locale)?.value ?? '',
    homepage: datasetUri,
    created: context.now.toISOString(),
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
    resources: csv.map((resource) => ({
      $schema: dataResourceProfile,
      name: resource.name.replace(/\.csv$/, ''),
      type: 'table',
      path: `${context.baseUrl}${resource.path}`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      // A Table Schema needs one field at least: an export with no rows yet has no columns to describe.
      ...(schema.fields.length > 0 ? { schema } : {}),
    })),
  };
}
