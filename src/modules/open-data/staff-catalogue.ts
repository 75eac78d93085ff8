import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { CatalogueDataset, CatalogueResource } from './catalogue.js';
import { resourcePreviewPath } from './datastore/preview-views.js';
import { openDataDb } from './db/open-data-db.js';
import type { StaffDatasetRow, StaffResourceRow } from './db/tables.js';

/** CKAN's download address of an uploaded file: `/<commune>/dataset/<name>/resource/<id>/download/<file>`. */
export const resourceDownloadPath = (communeSlug: string, datasetName: string, resource: Pick<StaffResourceRow, 'id' | 'filename'>) =>
  `/${communeSlug}/dataset/${datasetName}/resource/${resource.id}/download/${encodeURIComponent(resource.filename ?? 'file')}`;


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

async function loadPublished(db: Kysely<PlatformTables>, communes: CatalogueDataset['commune'][], name?: string): Promise<CatalogueDataset[]> {
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

/**
 * What changes whenever a staff dataset or resource is added, removed, published, withdrawn, modified or loaded
 * into the datastore, or a commune renamed. Read on every call (one
 * aggregate over two small tables), so every process of a cluster sees a publication at once.
 */
async function catalogueStamp(db: Kysely<PlatformTables>): Promise<string> {
  const row = await sql<{ stamp: string }>`
    select concat_ws('|',
      (select concat_ws(',', count(*), count(*) filter (where state = 'published'), sum(revision), max(modified_at)) from open_data_datasets),
      (select concat_ws(',', count(*), count(*) filter (where datastore_active), sum(datastore_rows), max(modified_at)) from open_data_resources),
      (select md5(string_agg(concat(id, slug, name, contact, default_locale), ',' order by id)) from communes)) as stamp`.execute(db);
  return row.rows[0]?.stamp ?? '';
}

/**
 * The published staff datasets of the whole install, kept per database while its stamp holds: turning 10,000
 * rows into datasets on every catalogue call cost most of a second (see docs/performance.md).
 */
const cached = new WeakMap<object, { stamp: string; datasets: CatalogueDataset[] }>();

async function allPublished(db: Kysely<PlatformTables>): Promise<CatalogueDataset[]> {
  const stamp = await catalogueStamp(db);
  const hit = cached.get(db);
  if (hit?.stamp === stamp) return hit.datasets;
  const communes = await db.selectFrom('communes').select(['id', 'slug', 'name', 'country', 'contact', 'default_locale']).execute();
  const datasets = await loadPublished(db, communes);
  cached.set(db, { stamp, datasets });
  return datasets;
}

/** The published staff datasets of these communes (or the one of that name), with their resources, newest first. */
export async function staffDatasets(db: Kysely<PlatformTables>, communes: CatalogueDataset['commune'][], name?: string): Promise<CatalogueDataset[]> {
  if (communes.length === 0) return [];
  if (name !== undefined) return loadPublished(db, communes, name);
  const wanted = new Set(communes.map((commune) => commune.id));
  // The cached objects themselves, never copies: the CKAN layer keeps what it derives from each one.
  return (await allPublished(db)).filter((dataset) => wanted.has(dataset.commune.id));
}
