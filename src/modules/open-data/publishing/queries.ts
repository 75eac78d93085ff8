import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { openDataDb, scoped } from '../db/open-data-db.js';
import type { StaffDatasetRow, StaffResourceRow } from '../db/tables.js';

type Db = Kysely<PlatformTables>;

export type DatasetListRow = Pick<StaffDatasetRow, 'id' | 'name' | 'title' | 'state' | 'revision' | 'modified_at'> & { resource_count: number };

export async function datasetsOf(db: Db, communeId: string): Promise<DatasetListRow[]> {
  const rows = await scoped(db, communeId)
    .selectFrom('open_data_datasets')
    .select((eb) => [
      'open_data_datasets.id', 'open_data_datasets.name', 'open_data_datasets.title', 'open_data_datasets.state', 'open_data_datasets.revision', 'open_data_datasets.modified_at',
      eb.selectFrom('open_data_resources').select((r) => r.fn.countAll<string>().as('n')).whereRef('open_data_resources.dataset_id', '=', 'open_data_datasets.id').as('resource_count'),
    ])
    .orderBy('open_data_datasets.modified_at', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, resource_count: Number(row.resource_count ?? 0) }));
}

export async function findDataset(db: Db, communeId: string, id: string): Promise<StaffDatasetRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('open_data_datasets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resourcesOf(db: Db, communeId: string, datasetId: string): Promise<StaffResourceRow[]> {
  return scoped(db, communeId).selectFrom('open_data_resources').selectAll().where('dataset_id', '=', datasetId).orderBy('position').orderBy('created_at').execute();
}

export async function findResource(db: Db, communeId: string, datasetId: string, id: string): Promise<StaffResourceRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('open_data_resources').selectAll().where('dataset_id', '=', datasetId).where('id', '=', id).executeTakeFirst();
}

/** Names are unique on the whole install (the network API lists every commune's datasets together). */
export async function nameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let query = openDataDb(db).selectFrom('open_data_datasets').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function revisionsOf(db: Db, communeId: string, datasetId: string) {
  return openDataDb(db)
    .selectFrom('open_data_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.actor_id')
    .select(['r.revision', 'r.at', 'r.changes', 'u.display_name as actor_name'])
    .where('r.commune_id', '=', communeId)
    .where('r.dataset_id', '=', datasetId)
    .orderBy('r.revision', 'desc')
    .execute();
}

export type RevisionListRow = Awaited<ReturnType<typeof revisionsOf>>[number];
