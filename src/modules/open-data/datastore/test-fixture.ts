import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from '../db/open-data-db.js';
import type { DatasetState } from '../db/tables.js';
import type { DatastoreSchema } from './table-schema.js';
import { createDatastoreTable, datastoreTable } from './tables.js';

/** A table with every type, as an import would leave it: text (some accented), numbers, integers, dates, times, booleans. */
export const sampleSchema: DatastoreSchema = {
  missingValues: [''],
  fields: [
    { name: 'Libellé', type: 'string', title: 'Libellé de la ligne' },
    { name: 'Montant', type: 'number' },
    { name: 'Quartier n°', type: 'integer' },
    { name: 'Date', type: 'date' },
    { name: 'Horodatage', type: 'datetime' },
    { name: 'Payé', type: 'boolean' },
  ],
};

/** Row i: "École i" when i is a multiple of 3, "Rue i" otherwise; amount i × 1.5; district i mod 10; … */
export const sampleRows = sql`select case when i % 3 = 0 then 'École ' || i else 'Rue ' || i end, i * 1.5, i % 10,
  date '2026-01-01' + (i % 365), timestamptz '2026-01-01T00:00:00Z' + i * interval '1 hour', i % 2 = 0`;

export interface ImportedResourceOptions {
  communeSlug?: string;
  rows?: number;
  state?: DatasetState;
  schema?: DatastoreSchema;
  /** Fills the table itself; by default `sampleRows` over generate_series(1, rows). */
  fill?: boolean;
}

/** A published dataset with one resource whose table is loaded, as the importer leaves them. */
export async function createImportedResource(db: Kysely<PlatformTables>, options: ImportedResourceOptions = {}): Promise<{ id: string; datasetName: string }> {
  const { communeSlug = 'ndar-toute', rows = 2500, state = 'published', schema = sampleSchema, fill = true } = options;
  const commune = await db.selectFrom('communes').select('id').where('slug', '=', communeSlug).executeTakeFirstOrThrow();
  const od = scoped(db, commune.id);
  const datasetName = `budget-${crypto.randomUUID().slice(0, 8)}`;
  const dataset = await od.insertInto('open_data_datasets', { name: datasetName, title: JSON.stringify({ fr: `Budget ${datasetName}` }), licence_id: 'odc-odbl', state }).returning('id').executeTakeFirstOrThrow();
  const resource = await od
    .insertInto('open_data_resources', { dataset_id: dataset.id, name: 'lignes.csv', kind: 'file', storage_key: `x/${datasetName}.csv`, format: 'CSV', media_type: 'text/csv', table_schema: JSON.stringify(schema), datastore_active: true, datastore_rows: fill ? rows : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await createDatastoreTable(db, resource.id, schema);
  if (fill) {
    const columns = sql.join(schema.fields.map((_, index) => sql.ref(`c${index + 1}`)));
    await sql`insert into ${datastoreTable(resource.id)} (${columns}) ${sampleRows} from generate_series(1, ${rows}::int) as i`.execute(db);
    await sql`analyze ${datastoreTable(resource.id)}`.execute(db);
  }
  return { id: resource.id, datasetName };
}
