import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { dateBytesOf, readDate } from './copy-bytes.js';
import { CopyPieces } from './copy-pieces.js';
import { CopyTextBuilder } from './copy-text.js';
import { parseDelimited } from './delimited.js';

const schema: DatastoreSchema = {
  missingValues: ['', 'NA', '-'],
  fields: [
    { name: 'Numéro', type: 'integer', constraints: { required: true } },
    { name: 'Libellé', type: 'string' },
    { name: 'Montant', type: 'number', decimalChar: ',', groupChar: ' ' },
    { name: 'Date', type: 'date', format: '%d/%m/%Y' },
    { name: 'Payé', type: 'boolean', trueValues: ['oui'], falseValues: ['non'] },
    { name: 'Quand', type: 'datetime' },
  ],
};

/** The text path on the whole file at once: what the import gave before the byte path. */
function byText(text: string, delimiter = ';') {
  const builder = new CopyTextBuilder(schema);
  return { copy: builder.add(parseDelimited(text, delimiter, 1, true).rows), counts: builder.counts };
}

/** The pieces' path, the bytes cut at `cuts`. */
function byPieces(bytes: Buffer, cuts: number[], encoding = 'utf-8', delimiter = ';') {
  const pieces = new CopyPieces({ encoding, delimiter, schema });
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts.filter((at) => at < bytes.length).sort((a, b) => a - b), bytes.length]) {
    out.push(Buffer.from(pieces.push(bytes.subarray(from, cut))));
    from = cut;
  }
  out.push(Buffer.from(pieces.push(null)));
  return { copy: Buffer.concat(out).toString('utf8'), counts: pieces.counts };
}

// Cells made of the characters that matter: delimiters, quotes, line ends, spaces of all kinds, escapes, digits.
const cellText = fc.string({ unit: fc.constantFrom('1', '2', '0', '9', ' ', ',', '.', '-', '+', '/', ';', '"', '\n', '\r', '\t', '\\', 'é', '\u00a0', 'a', 'N', 'A', 'e'), maxLength: 9 });
const typicalCell = fc.oneof(
  cellText,
  fc.constantFrom('', 'NA', '-', ' ', 'oui', 'non', 'OUI', ' oui', '31/10/2026', '1/2/2026', '31/02/2026', '2026-10-31', '7/7/26', '2026-11-23T10:00:00Z'),
  fc.integer({ min: -5_000_000, max: 5_000_000 }).map((n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') + ',5'),
  fc.integer({ min: 0, max: 99_999 }).map(String),
);
const plainText = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', 'è', ' ', '\u00a0', '\\', '\t', '0', '-', 'N', 'A'), maxLength: 8 });
const frenchNumber = fc.tuple(fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.constantFrom(' ', '\u00a0', '\u202f', ''), fc.nat(99)).map(([n, group, cents]) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group)},${cents}`);
const date = fc.tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 13 }), fc.constantFrom('2026', '1999', '26', '0000')).map(([d, m, y]) => `${d}/${String(m).padStart(m % 2 ? 2 : 1, '0')}/${y}`);
/** Most cells fit their column (the byte path's work); some are any text (refusals, quotes, line ends). */
const cellOf = (fits: fc.Arbitrary<string>) => fc.oneof({ arbitrary: fits, weight: 6 }, { arbitrary: typicalCell, weight: 1 });
const fittingRow = fc.tuple(
  cellOf(fc.oneof(fc.integer().map(String), fc.nat().map((n) => `+${n}`))),
  cellOf(plainText),
  cellOf(fc.oneof(frenchNumber, fc.integer().map(String))),
  cellOf(date),
  cellOf(fc.constantFrom('oui', 'non', 'OUI', 'Non', ' oui', 'non ')),
  cellOf(fc.constantFrom('', '2026-11-23T10:00:00Z', '2026-11-23 10:00')),
);
const row = fc.oneof({ arbitrary: fittingRow, weight: 8 }, { arbitrary: fc.array(typicalCell, { minLength: 0, maxLength: 7 }), weight: 1 });
const file = fc.record({
  rows: fc.array(row, { minLength: 0, maxLength: 40 }),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  finalEnd: fc.boolean(),
  mark: fc.boolean(),
});

const header = 'Numéro;Libellé;Montant;Date;Payé;Quand';

describe('COPY bytes from pieces of a CSV', () => {
  it('gives the text path\'s COPY text, counts and refusals, whatever the content and the cuts (property)', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat({ max: 2_000 }), { maxLength: 8 }), ({ rows, lineEnd, finalEnd, mark }, cuts) => {
        const text = [header, ...rows.map((cells) => cells.join(';'))].join(lineEnd) + (finalEnd ? lineEnd : '');
        const bytes = Buffer.concat([Buffer.from(mark ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
        const expected = byText(text);
        const actual = byPieces(bytes, cuts);
        expect(actual.copy).toBe(expected.copy);
        expect(actual.counts).toEqual(expected.counts);
      }),
      { numRuns: 400 },
    );
  });

  it('reads plain lines by bytes and quoted ones as text, numbering lines across both', () => {
    const text = `${header}\n1;École;1 234,50;31/10/2026;oui;\n2;"Deux\nlignes";-;01/02/2026;non;\n3;x;beaucoup;01/02/2026;non;\n4;Tab\tet \\;7;6/6/2026;OUI;2026-11-23T10:00:00Z\n`;
    const actual = byPieces(Buffer.from(text), [60, 61, 80]);
    expect(actual.copy).toBe('1\t1\tÉcole\t1234.50\t2026-10-31\tt\t\\N\n2\t2\tDeux\\nlignes\t\\N\t2026-02-01\tf\t\\N\n3\t4\tTab\\tet \\\\\t7\t2026-06-06\tt\t2026-11-23T10:00:00.000Z\n');
    expect(actual.counts.errors).toEqual([{ line: 5, column: 'Montant', message: 'not_number' }]);
  });

  it('keeps other encodings on the text path, cut anywhere', () => {
    const text = `${header}\n1;Éléphant;2,5;01/01/2026;oui;\n`;
    const latin = byPieces(iconv.encode(text, 'windows-1252'), [1, 2, 17, 30], 'windows-1252');
    expect(latin.copy).toBe('1\t1\tÉléphant\t2.5\t2026-01-01\tt\t\\N\n');
  });

  it('gives invalid UTF-8 to the decoder, as before', () => {
    const bytes = Buffer.concat([Buffer.from(`${header}\n1;`), Buffer.from([0xff, 0x41]), Buffer.from(';1;01/01/2026;oui;\n')]);
    expect(byPieces(bytes, [5]).copy).toBe(byText(bytes.toString('utf8')).copy);
  });
});

describe('dates read from bytes', () => {
  it('know the import\'s formats and give year·10⁴ + month·10² + day for the shapes the patterns accept', () => {
    const french = dateBytesOf('%d/%m/%Y')!;
    const read = (text: string, format = french) => readDate(Buffer.from(text), 0, Buffer.byteLength(text), format);
    expect(read('31/10/2026')).toBe(20261031);
    expect(read('1/2/2026')).toBe(20260201);
    expect(read('2026-10-31', dateBytesOf('%Y-%m-%d')!)).toBe(20261031);
    expect(read('10/31/2026', dateBytesOf('%m/%d/%Y')!)).toBe(20261031);
    for (const wrong of ['31/10/26', '031/10/2026', '31-10-2026', '31/10/2026 ', '/10/2026', '31/10/20260', '3a/10/2026']) expect(read(wrong), wrong).toBe(-1);
    expect(dateBytesOf('%d %B %Y')).toBeNull();
  });
});
