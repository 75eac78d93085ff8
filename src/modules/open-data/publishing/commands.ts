import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { openDataDb } from '../db/open-data-db.js';
import type { DatasetState, StaffDatasetRow, StaffResourceRow } from '../db/tables.js';
import type { DatasetFields } from './form.js';
import { fieldChanges, insertRevision, recordRevision, resourceChange } from './revisions.js';

type Db = Kysely<PlatformTables>;

const jsonColumns = (fields: DatasetFields) => ({
  ...fields,
  title: JSON.stringify(fields.title),
  description: JSON.stringify(fields.description),
  themes: JSON.stringify(fields.themes),
  keywords: JSON.stringify(fields.keywords),
});

/** A dataset row locked for the change, so two staff members' edits are counted one after the other. */
async function locked(trx: ReturnType<typeof openDataDb>, dataset: Pick<StaffDatasetRow, 'id' | 'commune_id'>) {
  const row = await trx.selectFrom('open_data_datasets').selectAll().where('id', '=', dataset.id).where('commune_id', '=', dataset.commune_id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function createDataset(db: Db, communeId: string, actorId: string | null, fields: DatasetFields): Promise<StaffDatasetRow> {
  return openDataDb(db).transaction().execute(async (trx) => {
    const created = await trx.insertInto('open_data_datasets').values({ ...jsonColumns(fields), commune_id: communeId, created_by: actorId }).returningAll().executeTakeFirstOrThrow();
    await insertRevision(trx, created, actorId, fieldChanges(null, created));
    return created;
  });
}

/** Saves the edited fields; nothing changed means no new revision. */
export async function updateDataset(db: Db, dataset: StaffDatasetRow, actorId: string | null, fields: DatasetFields): Promise<{ dataset: StaffDatasetRow; changed: string[] }> {
  return openDataDb(db).transaction().execute(async (trx) => {
    const current = await locked(trx, dataset);
    const changes = fieldChanges(current, { ...fields });
    if (changes.length === 0) return { dataset: current, changed: [] };
    await trx.updateTable('open_data_datasets').set(jsonColumns(fields)).where('id', '=', current.id).where('commune_id', '=', current.commune_id).execute();
    return { dataset: await recordRevision(trx, current, actorId, changes), changed: changes.map((c) => c.field) };
  });
}

export async function changeState(db: Db, dataset: StaffDatasetRow, actorId: string | null, state: DatasetState): Promise<StaffDatasetRow> {
  return openDataDb(db).transaction().execute(async (trx) => {
    const current = await locked(trx, dataset);
    if (current.state === state) return current;
    await trx.updateTable('open_data_datasets').set({ state }).where('id', '=', current.id).where('commune_id', '=', current.commune_id).execute();
    return recordRevision(trx, current, actorId, fieldChanges(current, { state }));
  });
}

export type NewResource = Pick<StaffResourceRow, 'id' | 'name' | 'kind' | 'url' | 'storage_key' | 'filename' | 'format' | 'media_type' | 'byte_size' | 'sha256' | 'description'>;

export async function addResource(db: Db, dataset: StaffDatasetRow, actorId: string | null, resource: NewResource): Promise<StaffResourceRow> {
  return openDataDb(db).transaction().execute(async (trx) => {
    const current = await locked(trx, dataset);
    const last = await trx.selectFrom('open_data_resources').select((eb) => eb.fn.max('position').as('position')).where('dataset_id', '=', current.id).where('commune_id', '=', current.commune_id).executeTakeFirst();
    const created = await trx
      .insertInto('open_data_resources')
      .values({ ...resource, description: JSON.stringify(resource.description), commune_id: current.commune_id, dataset_id: current.id, position: (last?.position ?? -1) + 1 })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordRevision(trx, current, actorId, [resourceChange(created.name, null, created)]);
    return created;
  });
}

export type ReplacedFile = Pick<StaffResourceRow, 'storage_key' | 'filename' | 'format' | 'media_type' | 'byte_size' | 'sha256'>;

/** A new version of a resource's file; the imported table (if any) no longer matches it. */
export async function replaceResourceFile(db: Db, dataset: StaffDatasetRow, resource: StaffResourceRow, actorId: string | null, file: ReplacedFile): Promise<StaffResourceRow> {
  return openDataDb(db).transaction().execute(async (trx) => {
    const current = await locked(trx, dataset);
    const replaced = await trx
      .updateTable('open_data_resources')
      .set({ ...file, datastore_active: false, modified_at: new Date() })
      .where('id', '=', resource.id)
      .where('commune_id', '=', current.commune_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordRevision(trx, current, actorId, [resourceChange(resource.name, resource, replaced)]);
    return replaced;
  });
}

export async function removeResource(db: Db, dataset: StaffDatasetRow, resource: StaffResourceRow, actorId: string | null): Promise<void> {
  await openDataDb(db).transaction().execute(async (trx) => {
    const current = await locked(trx, dataset);
    await trx.deleteFrom('open_data_resources').where('id', '=', resource.id).where('commune_id', '=', current.commune_id).execute();
    await recordRevision(trx, current, actorId, [resourceChange(resource.name, resource, null)]);
  });
}
