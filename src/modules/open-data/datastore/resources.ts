import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { openDataDb } from '../db/open-data-db.js';
import type { DatastoreResource } from './query.js';
import { isUuid } from '../../../platform/db/uuid.js';

/** An imported resource anyone may read: its table is loaded and its dataset published. */
export interface PublicDatastoreResource extends DatastoreResource {
  name: string;
  communeId: string;
  datasetId: string;
  datasetName: string;
  datasetTitle: Record<string, string>;
}

/**
 * The imported resource of that id among these communes' published datasets, or null: an unknown id, a draft or
 * withdrawn dataset, a resource not (yet) imported, another commune's resource all look the same from outside.
 */
export async function findPublicDatastoreResource(db: Kysely<PlatformTables>, communeIds: string[], resourceId: string): Promise<PublicDatastoreResource | null> {
  if (!isUuid(resourceId) || communeIds.length === 0) return null;
  const row = await openDataDb(db)
    .selectFrom('open_data_resources as r')
    .innerJoin('open_data_datasets as d', (join) => join.onRef('d.id', '=', 'r.dataset_id').onRef('d.commune_id', '=', 'r.commune_id'))
    .select(['r.id', 'r.name', 'r.commune_id', 'r.table_schema', 'r.datastore_rows', 'd.id as dataset_id', 'd.name as dataset_name', 'd.title as dataset_title'])
    .where('r.id', '=', resourceId.toLowerCase())
    .where('r.commune_id', 'in', communeIds)
    .where('r.datastore_active', '=', true)
    .where('d.state', '=', 'published')
    .executeTakeFirst();
  if (!row?.table_schema) return null;
  return {
    id: row.id,
    name: row.name,
    communeId: row.commune_id,
    schema: row.table_schema,
    rows: row.datastore_rows,
    datasetId: row.dataset_id,
    datasetName: row.dataset_name,
    datasetTitle: row.dataset_title as Record<string, string>,
  };
}
