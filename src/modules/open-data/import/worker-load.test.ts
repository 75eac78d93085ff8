import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { CopyTextBuilder, emptyCounts } from './copy-text.js';
import { parseDelimited } from './delimited.js';
import { CopyWorker, copyTextInWorker, type CopyWorkerData } from './worker-load.js';

const schema: DatastoreSchema = {
  missingValues: ['', '-'],
  fields: [
    { name: 'Libellé', type: 'string' },
    { name: 'Montant', type: 'number', decimalChar: ',', groupChar: ' ' },
    { name: 'Date', type: 'date', format: '%d/%m/%Y' },
  ],
};

const csv = [
  'Libellé;Montant;Date',
  'École "Al Massira";1 234,50;31/10/2026',
  '',
  '"Deux\nlignes";-;01/02/2026',
  'Trop;de;colonnes;ici',
  'Marché;beaucoup;05/05/2026',
  'Tab\tet \\;7;06/06/2026',
].join('\r\n');

/** The same bytes in pieces of `size` (cutting UTF-8 characters and CRLF in two), as storage may give them. */
const pieces = (bytes: Buffer, size: number) => Readable.from((function* () { for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size); })());

async function inWorker(bytes: Buffer, size: number, data: Partial<CopyWorkerData> = {}, worker?: CopyWorker) {
  const counts = emptyCounts();
  let text = '';
  let bytesSeen = 0;
  let batches = 0;
  const options = { encoding: 'utf-8', delimiter: ';', schema, ...data };
  for await (const batch of copyTextInWorker(pieces(bytes, size), options, counts, (total) => { bytesSeen = total; }, async () => { batches += 1; }, worker)) text += batch.toString('utf8');
  return { text, counts, bytesSeen, batches };
}

describe('conversion in a worker thread', () => {
  it('gives the COPY text, counts and refusals (with their lines) that the same conversion gives in-thread', async () => {
    const builder = new CopyTextBuilder(schema);
    const expected = builder.add(parseDelimited(csv, ';', 1, true).rows);
    expect(expected).toBe('1\tÉcole "Al Massira"\t1234.50\t2026-10-31\n2\tDeux\\nlignes\t\\N\t2026-02-01\n3\tTab\\tet \\\\\t7\t2026-06-06\n');
    for (const size of [1, 3, 7, 64, 1 << 20]) {
      const result = await inWorker(Buffer.from(csv), size);
      expect(result.text, `pieces of ${size} bytes`).toBe(expected);
      expect(result.counts).toEqual(builder.counts);
      expect(result.bytesSeen).toBe(Buffer.byteLength(csv));
      expect(result.batches).toBeGreaterThan(0);
    }
    expect(builder.counts.errors).toEqual([{ line: 6, message: 'column_count' }, { line: 7, column: 'Montant', message: 'not_number' }]);
  });

  it('decodes Windows-1252 cut anywhere, and drops a UTF-8 byte-order mark', async () => {
    const latin = await inWorker(iconv.encode(csv, 'windows-1252'), 5, { encoding: 'windows-1252' });
    expect(latin.text.startsWith('1\tÉcole')).toBe(true);
    const bom = await inWorker(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 2);
    expect(bom.text.startsWith('1\tÉcole')).toBe(true);
    expect(bom.counts.rowsLoaded).toBe(3);
  });

  it('keeps the first thousand refusals and counts them all, across batches', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => (i % 10 === 0 ? `x${i};pas un nombre;01/01/2026` : `x${i};${i},5;01/01/2026`));
    const { counts } = await inWorker(Buffer.from(`a;b;c\n${rows.join('\n')}\n`), 64 * 1024);
    expect(counts.rejected).toBe(3_000);
    expect(counts.rowsLoaded).toBe(27_000);
    expect(counts.errors).toHaveLength(1_000);
    expect(counts.errors[999]).toEqual({ line: 9_992, column: 'Montant', message: 'not_number' });
  });

  it('uses a worker started before the format was known, and stops it', async () => {
    const worker = new CopyWorker();
    await new Promise((resolve) => worker.thread.once('online', resolve));
    const early = await inWorker(Buffer.from(csv), 7, {}, worker);
    const late = await inWorker(Buffer.from(csv), 7);
    expect(early.text).toBe(late.text);
    expect(early.counts).toEqual(late.counts);
    expect(worker.thread.threadId).toBe(-1); // terminated
    const unused = new CopyWorker();
    await unused.stop();
    expect(unused.thread.threadId).toBe(-1);
  });

  it('fails the load when the worker cannot start its work', async () => {
    await expect(inWorker(Buffer.from(csv), 64, { encoding: 'no-such-encoding' })).rejects.toThrow();
  });
});
