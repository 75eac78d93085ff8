import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { scoped } from '../db/open-data-db.js';
import { latestImport, resumeImports, runImport } from '../import/run.js';
import { buildDatastoreIndexes, datastoreIndexesBuilt, datastoreIndexing } from './indexes.js';
import { planDatastoreQuery, readDatastoreQuery, searchDatastore } from './query.js';
import { datastoreTable, datastoreTableName } from './tables.js';
import { createImportedResource, sampleSchema } from './test-fixture.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const indexNames = async (resourceId: string) =>
  (await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'datastore' and tablename = ${datastoreTableName(resourceId)} order by indexname`.execute(t.services.db)).rows.map((row) => row.indexname);

/** How many primary keys the table has (0 while the import's indexes are still being built). */
const keyOf = async (resourceId: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_constraint where conrelid = to_regclass(${`datastore.${datastoreTableName(resourceId)}`}) and contype = 'p'`.execute(t.services.db)).rows[0]!.n;

/** The plan PostgreSQL picks for a search's own conditions and order, with scans of the whole table ruled out. */
async function planOf(db: Kysely<any>, resourceId: string, params: Record<string, string>): Promise<string> {
  const plan = planDatastoreQuery(sampleSchema, readDatastoreQuery(params));
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const explained = await sql<{ 'QUERY PLAN': string }>`explain select _id from ${datastoreTable(resourceId)} where ${plan.where} order by ${plan.orderBy} limit 100`.execute(trx);
    return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

const search = (resourceId: string, params: Record<string, string>) => searchDatastore(t.services.db, { id: resourceId, schema: sampleSchema, rows: 3000 }, readDatastoreQuery(params));

describe('datastore indexes', () => {
  it('gives every column a B-tree and every text column a trigram index that q and sort use, with the same answers', async () => {
    const { id } = await createImportedResource(t.services.db, { rows: 3000 });
    const queries: Record<string, string>[] = [{ q: 'ecole 99' }, { q: 'RUE 12' }, { q: '%' }, { sort: 'Montant desc' }, { sort: 'Libellé, Date desc', offset: '40' }, { filters: '{"Quartier n°": 7}', limit: '5' }];
    const before = await Promise.all(queries.map((query) => search(id, query)));
    const base = datastoreTableName(id);
    expect(await indexNames(id)).toEqual([`${base}_pkey`]);
    await buildDatastoreIndexes(t.services.db, id, sampleSchema);
    expect(await indexNames(id)).toEqual([`${base}_c1`, `${base}_c1_q`, `${base}_c2`, `${base}_c3`, `${base}_c4`, `${base}_c5`, `${base}_c6`, `${base}_pkey`].sort());
    expect(await planOf(t.services.db, id, { q: 'école 99' })).toContain(`${base}_c1_q`);
    expect(await planOf(t.services.db, id, { sort: 'Montant desc' })).toContain(`${base}_c2`);
    expect(await Promise.all(queries.map((query) => search(id, query)))).toEqual(before);
    expect(before[0]!.total).toBeGreaterThan(0);
  });

  it('are built in the background after an import, while the new table already answers', async () => {
    const db = scoped(t.services.db, await t.communeId('ndar-toute'));
    const dataset = await db.insertInto('open_data_datasets', { name: `idx-${Math.random().toString(36).slice(2, 10)}`, title: JSON.stringify({ fr: 'Index' }), licence_id: 'cc-by' }).returning('id').executeTakeFirstOrThrow();
    const key = `open-data/indexes-test/${dataset.id}.csv`;
    await t.services.storage.put(key, Buffer.from('Nom;Effectif\nÉcole Al Massira;420\nDar Chabab;35\n'));
    const resource = await db.insertInto('open_data_resources', { dataset_id: dataset.id, name: 'f', kind: 'file', storage_key: key, filename: 'f.csv', format: 'CSV', media_type: 'text/csv', byte_size: 40 }).returning('id').executeTakeFirstOrThrow();
    const queued = await db.insertInto('open_data_imports', { resource_id: resource.id }).returning('id').executeTakeFirstOrThrow();
    await runImport(t.services, queued.id);
    expect(await latestImport(t.services, await t.communeId('ndar-toute'), resource.id)).toMatchObject({ state: 'done', rows_loaded: 2 });
    expect(datastoreIndexing(resource.id)).toBe(true);
    const live = await sql<{ n: number }>`select count(*)::int as n from ${datastoreTable(resource.id)}`.execute(t.services.db);
    expect(live.rows[0]!.n).toBe(2);
    await datastoreIndexesBuilt(resource.id);
    expect(datastoreIndexing(resource.id)).toBe(false);
    const base = datastoreTableName(resource.id);
    expect(await indexNames(resource.id)).toEqual([`${base}_c1`, `${base}_c1_q`, `${base}_c2`, `${base}_pkey`]);
    expect(await keyOf(resource.id)).toBe(1);
    // The identity goes on after the rows the loader numbered.
    await sql`insert into ${datastoreTable(resource.id)} (c1, c2) values ('Nouvelle', 1)`.execute(t.services.db);
    expect((await sql<{ id: number }>`select max(_id)::int as id from ${datastoreTable(resource.id)}`.execute(t.services.db)).rows[0]!.id).toBe(3);
  });

  it('are built again by the imports job for a table that lacks them', async () => {
    const { id } = await createImportedResource(t.services.db, { rows: 10 });
    const base = datastoreTableName(id);
    expect(await indexNames(id)).toEqual([`${base}_pkey`]);
    await resumeImports(t.services, new Date());
    await datastoreIndexesBuilt(id);
    expect(await indexNames(id)).toContain(`${base}_c1_q`);
    expect(await keyOf(id)).toBe(1);
  });
});
