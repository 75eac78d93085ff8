import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { scoped } from '../db/open-data-db.js';
import { datastoreTable } from '../datastore/tables.js';
import { latestImport, runImport, startImport } from './run.js';

let t: TestApp;
let ndar: string;

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

/** A resource holding `content`, as the back-office stores an upload. */
async function resourceWith(content: Buffer, format: 'CSV' | 'XLSX' = 'CSV', communeId = ndar) {
  const db = scoped(t.services.db, communeId);
  const dataset = await db.insertInto('open_data_datasets', { name: `d-${Math.random().toString(36).slice(2, 10)}`, title: JSON.stringify({ fr: 'Test' }), licence_id: 'cc-by' }).returning('id').executeTakeFirstOrThrow();
  const resource = await db.insertInto('open_data_resources', {
    dataset_id: dataset.id, name: 'f', kind: 'file', storage_key: 'pending', filename: 'f', format, media_type: 'text/csv', byte_size: content.length,
  }).returning('id').executeTakeFirstOrThrow();
  const key = `open-data/${communeId}/${resource.id}/f`;
  await t.services.storage.put(key, content);
  await db.updateTable('open_data_resources').set({ storage_key: key }).where('id', '=', resource.id).execute();
  return resource.id;
}

async function importNow(resourceId: string, schema?: Parameters<typeof startImport>[1]['schema']) {
  const db = scoped(t.services.db, ndar);
  const queued = await db.insertInto('open_data_imports', { resource_id: resourceId, detected: JSON.stringify(schema ? { schema } : {}) }).returning('id').executeTakeFirstOrThrow();
  await runImport(t.services, queued.id);
  return (await latestImport(t.services, ndar, resourceId))!;
}

const tableRows = async (resourceId: string) => (await sql<Record<string, unknown>>`select * from ${datastoreTable(resourceId)} order by _id`.execute(t.services.db)).rows;
const resourceRow = (id: string) => scoped(t.services.db, ndar).selectFrom('open_data_resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const messyCsv = [
  'Libellé;Quartier;Montant (FCFA);Taux;Date de paiement;Payé',
  'Réfection école;Guet Ndar;1 234 567,50;12,5;31/10/2026;oui',
  '',
  'Éclairage public;Sor;2\u00a0500,00;7;01/02/2026;non',
  'Ligne cassée;Sor;3 000,00',
  'Marché;Pikine;beaucoup;3;05/05/2026;oui',
  'Bornes-fontaines;"Sor; Nord";NA;-;;oui',
].join('\r\n');

describe('tabular import', () => {
  it('loads a Windows-1252 CSV with semicolons, decimal commas and d/m/y dates; rows that do not fit are reported with their line', async () => {
    const id = await resourceWith(iconv.encode(messyCsv, 'windows-1252'));
    const inferred = await importNow(id);
    expect(inferred).toMatchObject({ state: 'done', rows_loaded: 4, rows_rejected: 1, failure: null });
    expect(inferred.detected).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(inferred.errors).toEqual([{ line: 5, message: 'column_count' }]);
    const schema = (await resourceRow(id)).table_schema!;
    // "beaucoup" in the sample makes the amounts text; the rest is typed.
    expect(schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['Libellé', 'string'], ['Quartier', 'string'], ['Montant (FCFA)', 'string'], ['Taux', 'number'], ['Date de paiement', 'date'], ['Payé', 'boolean'],
    ]);
    // "-" means nothing in the rate column; "NA" sits in a text column there, so it stays text.
    expect(schema.missingValues).toEqual(['', '-']);
    // Staff say the amounts are numbers: the text one is now reported, never silently dropped.
    const amounts = { missingValues: ['', '-', 'NA'], fields: schema.fields.map((f) => (f.name === 'Montant (FCFA)' ? { ...f, type: 'number' as const, decimalChar: ',', groupChar: ' ', constraints: { required: false } } : f)) };
    const corrected = await importNow(id, amounts);
    expect(corrected).toMatchObject({ state: 'done', rows_loaded: 3, rows_rejected: 2 });
    expect(corrected.errors).toEqual([{ line: 5, message: 'column_count' }, { line: 6, column: 'Montant (FCFA)', message: 'not_number' }]);
    expect(await tableRows(id)).toEqual([
      { _id: 1, c1: 'Réfection école', c2: 'Guet Ndar', c3: '1234567.50', c4: '12.5', c5: '2026-10-31', c6: true },
      { _id: 2, c1: 'Éclairage public', c2: 'Sor', c3: '2500.00', c4: '7', c5: '2026-02-01', c6: false },
      { _id: 3, c1: 'Bornes-fontaines', c2: 'Sor; Nord', c3: null, c4: null, c5: null, c6: true },
    ]);
  });

  it('types a clean column of French amounts as numbers and keeps values exact', async () => {
    const csv = 'Libellé;Montant;Date\nÉcole;1 234 567,50;31/10/2026\nRoute;2\u00a0500,00;01/02/2026\nPuits;;15/03/2026\n';
    const id = await resourceWith(iconv.encode(csv, 'windows-1252'));
    const done = await importNow(id);
    expect(done).toMatchObject({ state: 'done', rows_loaded: 3, rows_rejected: 0 });
    const schema = (await resourceRow(id)).table_schema!;
    expect(schema.fields[1]).toMatchObject({ name: 'Montant', type: 'number', decimalChar: ',', groupChar: ' ', constraints: { required: false } });
    expect(schema.fields[2]).toMatchObject({ type: 'date', format: '%d/%m/%Y', constraints: { required: true } });
    expect(await tableRows(id)).toEqual([
      { _id: 1, c1: 'École', c2: '1234567.50', c3: '2026-10-31' },
      { _id: 2, c1: 'Route', c2: '2500.00', c3: '2026-02-01' },
      { _id: 3, c1: 'Puits', c2: null, c3: '2026-03-15' },
    ]);
  });

  it('reads UTF-8 with a byte-order mark and commas, and an XLSX first sheet', async () => {
    const csv = await resourceWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('nom,effectif\nÉcole Al Massira,420\nدار الشباب,35\n')]));
    expect(await importNow(csv)).toMatchObject({ state: 'done', rows_loaded: 2, detected: { encoding: 'utf-8', delimiter: ',' } });
    expect((await tableRows(csv))[1]).toEqual({ _id: 2, c1: 'دار الشباب', c2: 35 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Marchés');
    sheet.addRows([['Marché', 'Recettes', 'Jour'], ['Souk Lkhamis', 15000.5, new Date(Date.UTC(2026, 9, 1))], ['Marché central', 22000, new Date(Date.UTC(2026, 9, 2))]]);
    const xlsx = await resourceWith(Buffer.from(await workbook.xlsx.writeBuffer()), 'XLSX');
    expect(await importNow(xlsx)).toMatchObject({ state: 'done', rows_loaded: 2, detected: { sheet: 'Marchés' } });
    expect((await resourceRow(xlsx)).table_schema!.fields.map((f) => f.type)).toEqual(['string', 'number', 'date']);
    expect((await tableRows(xlsx))[0]).toEqual({ _id: 1, c1: 'Souk Lkhamis', c2: '15000.5', c3: '2026-10-01' });
  });

  it('re-imports with the schema staff corrected; a failed re-import keeps the previous table', async () => {
    const id = await resourceWith(Buffer.from('code;montant\n007;10\n012;20\n'));
    await importNow(id);
    const inferred = (await resourceRow(id)).table_schema!;
    expect(inferred.fields[0]!.type).toBe('string'); // leading zeros: a code, not a number
    const corrected = { ...inferred, fields: inferred.fields.map((f) => (f.name === 'montant' ? { ...f, type: 'string' as const } : f)) };
    expect(await importNow(id, corrected)).toMatchObject({ state: 'done', rows_loaded: 2 });
    expect((await resourceRow(id)).table_schema!.fields[1]!.type).toBe('string');
    const before = await tableRows(id);
    const wrongShape = { ...corrected, fields: corrected.fields.slice(0, 1) };
    expect(await importNow(id, wrongShape)).toMatchObject({ state: 'failed', failure: 'schema_mismatch' });
    expect(await tableRows(id)).toEqual(before);
    expect((await resourceRow(id)).table_schema!.fields).toHaveLength(2);
  });

  it('fails clearly on an empty file or binary garbage, and never reads another commune’s resource', async () => {
    expect(await importNow(await resourceWith(Buffer.alloc(0)))).toMatchObject({ state: 'failed', failure: 'no_header' });
    const garbage = await resourceWith(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x13]), 'XLSX');
    expect((await importNow(garbage)).state).toBe('failed');
    const tiznit = await t.communeId('tiznit-el-jadida');
    const theirs = await resourceWith(Buffer.from('a;b\n1;2\n'), 'CSV', tiznit);
    await expect(startImport(t.services, { communeId: ndar, resourceId: theirs, actorId: null })).rejects.toThrow();
  });
});
