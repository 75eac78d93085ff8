import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { CatalogueDataset, CatalogueResource } from './catalogue.js';
import { openDataDb } from './db/open-data-db.js';
import type { StaffDatasetRow, StaffResourceRow } from './db/tables.js';

/** CKAN's download address of an uploaded file: `/<commune>/dataset/<name>/resource/<id>/download/<file>`. */
export const resourceDownloadPath = (communeSlug: string, datasetName: string, resource: Pick<StaffResourceRow, 'id' | 'filename'>) =>
  `/${communeSlug}/dataset/${datasetName}/resource/${resource.id}/download/${encodeURIComponent(resource.filename ?? 'file')}`;

/** The public preview of a resource loaded into the datastore. */
export const resourcePreviewPath = (communeSlug: string, resourceId: string) => `/${communeSlug}/data/resources/${resourceId}`;

function catalogueResource(commune: CatalogueDataset['commune'], dataset: StaffDatasetRow, row: StaffResourceRow): CatalogueResource {
  const isLink = row.kind === 'link';
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    format: row.format,
    mediaType: row.media_type,
    path: isLink ? (row.url ?? '') : resourceDownloadPath(commune.slug, dataset.name, row),
    external: isLink,
    byteSize: row.byte_size === null ? null : Number(row.byte_size),
    sha256: row.sha256,
    datastoreActive: row.datastore_active,
    previewPath: row.datastore_active ? resourcePreviewPath(commune.slug, row.id) : null,
    tableSchema: row.table_schema,
    modified: row.modified_at,
  };
}

function catalogueDataset(commune: CatalogueDataset['commune'], row: StaffDatasetRow, resources: StaffResourceRow[]): CatalogueDataset {
  return {
    name: row.name,
    commune,
    title: row.title,
    description: row.description,
    source: { kind: 'staff', datasetId: row.id },
    themes: row.themes,
    licenceId: row.licence_id,
    keywords: row.keywords,
    created: row.created_at,
    modified: row.modified_at,
    frequency: row.frequency,
    temporal: row.temporal_start || row.temporal_end ? { start: row.temporal_start, end: row.temporal_end } : null,
    spatial: row.spatial,
    version: row.version,
    contact: row.contact_name || row.contact_email ? { name: row.contact_name, email: row.contact_email } : null,
    resources: resources.map((resource) => catalogueResource(commune, row, resource)),
  };
}

/** The published staff datasets of these communes, with their resources, newest first within a commune. */
export async function staffDatasets(db: Kysely<PlatformTables>, communes: CatalogueDataset['commune'][], name?: string): Promise<CatalogueDataset[]> {
  if (communes.length === 0) return [];
  const byId = new Map(communes.map((commune) => [commune.id, commune]));
  const od = openDataDb(db);
  const published = od.selectFrom('open_data_datasets')
    .where('commune_id', 'in', [...byId.keys()]).where('state', '=', 'published')
    .$if(name !== undefined, (query) => query.where('name', '=', name!));
  const datasets = await published.selectAll().orderBy('commune_id').orderBy('modified_at', 'desc').orderBy('name').execute();
  if (datasets.length === 0) return [];
  const resources = await od.selectFrom('open_data_resources').selectAll()
    .where('commune_id', 'in', [...byId.keys()])
    .where('dataset_id', 'in', published.select('id'))
    .orderBy('position').orderBy('created_at').execute();
  const resourcesOf = new Map<string, StaffResourceRow[]>();
  for (const resource of resources) resourcesOf.set(resource.dataset_id, [...(resourcesOf.get(resource.dataset_id) ?? []), resource]);
  return datasets.map((row) => catalogueDataset(byId.get(row.commune_id)!, row, resourcesOf.get(row.id) ?? []));
}
