import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { scoped } from '../db/open-data-db.js';
import { createDatastoreTable, datastoreTable, dropDatastoreTable } from './tables.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function aResource() {
  const commune = await t.services.db.selectFrom('communes').select('id').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
  const db = scoped(t.services.db, commune.id);
  const dataset = await db.insertInto('open_data_datasets', { name: 'budget-2026', title: JSON.stringify({ fr: 'Budget 2026' }), licence_id: 'odc-odbl' }).returning('id').executeTakeFirstOrThrow();
  return db.insertInto('open_data_resources', { dataset_id: dataset.id, name: 'budget.csv', kind: 'file', storage_key: 'x/budget.csv', format: 'CSV', media_type: 'text/csv' }).returning('id').executeTakeFirstOrThrow();
}

describe('datastore tables', () => {
  it('are created from a schema, with typed columns c1…cN and an _id in file order, and replaced on re-import', async () => {
    const resource = await aResource();
    const schema = { missingValues: [''], fields: [
      { name: 'Ligne budgétaire; "libellé"', type: 'string' as const },
      { name: 'Montant', type: 'number' as const, decimalChar: ',' },
      { name: 'Date', type: 'date' as const, format: '%d/%m/%Y' },
    ] };
    await createDatastoreTable(t.services.db, resource.id, schema);
    await sql`insert into ${datastoreTable(resource.id)} (c1, c2, c3) values ('Voirie', 1234567.891, '2026-03-01'), ('École', 0.1, null)`.execute(t.services.db);
    const rows = await sql<{ _id: number; c1: string; c2: string; c3: string | null }>`select * from ${datastoreTable(resource.id)} order by _id`.execute(t.services.db);
    expect(rows.rows).toEqual([
      { _id: 1, c1: 'Voirie', c2: '1234567.891', c3: '2026-03-01' },
      { _id: 2, c1: 'École', c2: '0.1', c3: null },
    ]);
    await createDatastoreTable(t.services.db, resource.id, { missingValues: [''], fields: [{ name: 'n', type: 'integer' }] });
    const replaced = await sql<{ count: number }>`select count(*)::int as count from ${datastoreTable(resource.id)}`.execute(t.services.db);
    expect(replaced.rows[0]?.count).toBe(0);
    await dropDatastoreTable(t.services.db, resource.id);
    await expect(sql`select 1 from ${datastoreTable(resource.id)}`.execute(t.services.db)).rejects.toThrow();
  });
});
