import type { Transaction } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { OpenDataTables, RevisionChange, StaffDatasetRow, StaffResourceRow } from '../db/tables.js';

type Trx = Transaction<PlatformTables & OpenDataTables>;

/** The fields a revision compares; created/modified/revision are the history itself. */
const trackedFields = ['name', 'title', 'description', 'themes', 'keywords', 'licence_id', 'contact_name', 'contact_email', 'temporal_start', 'temporal_end', 'spatial', 'frequency', 'version', 'state'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only the fields whose value differs, with both values. */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown>): RevisionChange[] {
  const changes: RevisionChange[] = [];
  for (const field of trackedFields) {
    if (!(field in after) || same(before?.[field], after[field])) continue;
    changes.push({ field, before: before?.[field] ?? null, after: after[field] ?? null });
  }
  return changes;
}

/** What a resource is in the history: enough to tell versions of a file apart. */
export function resourceSummary(resource: StaffResourceRow) {
  return {
    id: resource.id,
    name: resource.name,
    description: resource.description,
    kind: resource.kind,
    format: resource.format,
    media_type: resource.media_type,
    url: resource.url,
    filename: resource.filename,
    byte_size: resource.byte_size === null ? null : Number(resource.byte_size),
    sha256: resource.sha256,
  };
}

export const resourceChange = (name: string, before: StaffResourceRow | null, after: StaffResourceRow | null): RevisionChange => ({
  field: `resources[${name}]`,
  before: before ? resourceSummary(before) : null,
  after: after ? resourceSummary(after) : null,
});

async function snapshotOf(trx: Trx, dataset: StaffDatasetRow) {
  const resources = await trx.selectFrom('open_data_resources').selectAll().where('dataset_id', '=', dataset.id).where('commune_id', '=', dataset.commune_id).orderBy('position').orderBy('created_at').execute();
  const { commune_id: _commune, ...fields } = dataset;
  return { ...fields, resources: resources.map(resourceSummary) };
}

/**
 * Closes a change: the dataset's revision goes up by one, `modified_at` moves, and the history gets the
 * changes and the state after them. Runs inside the change's transaction, so the two never disagree.
 */
export async function recordRevision(trx: Trx, dataset: Pick<StaffDatasetRow, 'id' | 'commune_id'>, actorId: string | null, changes: RevisionChange[]): Promise<StaffDatasetRow> {
  const updated = await trx
    .updateTable('open_data_datasets')
    .set((eb) => ({ revision: eb('revision', '+', 1), modified_at: new Date() }))
    .where('id', '=', dataset.id)
    .where('commune_id', '=', dataset.commune_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertRevision(trx, updated, actorId, changes);
  return updated;
}

/** The history row of a revision already counted on the dataset (the first one, at creation). */
export async function insertRevision(trx: Trx, dataset: StaffDatasetRow, actorId: string | null, changes: RevisionChange[]): Promise<void> {
  await trx
    .insertInto('open_data_revisions')
    .values({
      commune_id: dataset.commune_id,
      dataset_id: dataset.id,
      revision: dataset.revision,
      actor_id: actorId,
      at: dataset.modified_at,
      changes: JSON.stringify(changes),
      snapshot: JSON.stringify(await snapshotOf(trx, dataset)),
    })
    .execute();
}
