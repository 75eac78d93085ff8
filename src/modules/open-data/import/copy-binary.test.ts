import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { BinaryTranscoder, binaryCopySupported, numericBinary } from './copy-binary.js';
import { CopyTextBuilder } from './copy-text.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const schema: DatastoreSchema = {
  missingValues: ['', '-'],
  fields: [
    { name: 'n', type: 'integer' },
    { name: 'label', type: 'string' },
    { name: 'amount', type: 'number' },
    { name: 'day', type: 'date', format: '%Y-%m-%d' },
    { name: 'paid', type: 'boolean', trueValues: ['oui'], falseValues: ['non'] },
  ],
};

/** The same COPY lines loaded as text and as binary tuples: the tables must hold the same values. */
async function loadBothWays(lines: string) {
  const tuples = new BinaryTranscoder(schema).transcode(Buffer.from(lines));
  const rows: Record<string, unknown[]> = {};
  for (const [table, binary] of [['copy_as_text', false], ['copy_as_binary', true]] as const) {
    await sql`drop table if exists ${sql.table(table)}`.execute(t.services.db);
    await sql`create table ${sql.table(table)} (_id bigint, c1 bigint, c2 text, c3 numeric, c4 date, c5 boolean)`.execute(t.services.db);
    async function* source() { yield binary ? tuples : lines; }
    await t.services.copyIn(`COPY ${table} FROM STDIN`, source(), { binary });
    rows[table] = (await sql<Record<string, unknown>>`select _id::text, c1::text, c2, c3::text, c4::text, c5::text from ${sql.table(table)} order by _id`.execute(t.services.db)).rows;
  }
  return rows as { copy_as_text: unknown[]; copy_as_binary: unknown[] };
}

const amount = fc.oneof(
  fc.tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,12}$/), fc.option(fc.stringMatching(/^\d{0,9}$/)), fc.option(fc.integer({ min: -40, max: 40 }))).filter(([, whole, fraction]) => whole !== '' || (fraction ?? '') !== '')
    .map(([sign, whole, fraction, exponent]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : `e${exponent}`}`)
    .filter((text) => !/^[+-]?\.?(e|$)/.test(text)),
  fc.constantFrom('0', '-0', '0.000', '10000', '9999.9999', '.5', '1e3', '1.50e-7', '123456789012345678901234567890.123'),
);
const cell = fc.record({
  n: fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), fc.nat().map((n) => `+${n}`)),
  label: fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\t', '\\', '\n', '\r', 'N', '"', ';') }),
  amount,
  day: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  paid: fc.constantFrom('oui', 'non', '-'),
});

describe('binary COPY tuples', () => {
  it('load exactly what the text lines load (property, on the test database)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 30 }), async (cells) => {
        const builder = new CopyTextBuilder(schema);
        const lines = builder.add([{ line: 1, cells: ['n', 'label', 'amount', 'day', 'paid'] }, ...cells.map((c, index) => ({ line: index + 2, cells: [String(c.n), c.label, c.amount, c.day, c.paid] }))]);
        const { copy_as_text, copy_as_binary } = await loadBothWays(lines);
        expect(copy_as_binary).toEqual(copy_as_text);
        expect(copy_as_text.length).toBe(builder.counts.rowsLoaded);
      }),
      { numRuns: 40 },
    );
  });

  it('encode numeric as PostgreSQL does: base-10000 digits, weight, sign, display scale', () => {
    const fields = (bytes: Buffer) => Array.from({ length: bytes.length / 2 }, (_, index) => bytes.readInt16BE(2 * index));
    expect(fields(numericBinary('1234567.89'))).toEqual([3, 1, 0, 2, 123, 4567, 8900]);
    expect(fields(numericBinary('-0.5'))).toEqual([1, -1, 0x4000, 1, 5000]);
    expect(fields(numericBinary('0.00'))).toEqual([0, 0, 0, 2]);
    expect(fields(numericBinary('1.5e3'))).toEqual([1, 0, 0, 0, 1500]);
    expect(() => numericBinary('1e1001')).toThrow();
  });

  it('fail the load where PostgreSQL refuses the text: year 0, integers beyond 64 bits', () => {
    const transcoder = new BinaryTranscoder(schema);
    expect(() => transcoder.transcode(Buffer.from('1\t1\tx\t1\t0000-01-01\tt\n'))).toThrow();
    expect(() => transcoder.transcode(Buffer.from('1\t9223372036854775808\tx\t1\t2026-01-01\tt\n'))).toThrow();
  });

  it('are used only when every column has a binary encoding here', () => {
    expect(binaryCopySupported(schema)).toBe(true);
    expect(binaryCopySupported({ ...schema, fields: [...schema.fields, { name: 'at', type: 'datetime' }] })).toBe(false);
  });
});
