import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { delimitedRows, parseDelimited } from './delimited.js';

async function all(pieces: string[], delimiter = ';') {
  async function* source() { for (const piece of pieces) yield piece; }
  const rows = [];
  for await (const batch of delimitedRows(source(), delimiter)) rows.push(...batch);
  return rows;
}

describe('delimited text reader', () => {
  it('reads quoted fields with delimiters, quotes and line breaks inside, any line end, and numbers lines', async () => {
    const text = 'a;b;c\r\n"x;1";"he said ""hi""";"two\nlines"\n\nlast;row\rend;;';
    expect(parseDelimited(text, ';', 1, true).rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x;1', 'he said "hi"', 'two\nlines'] },
      { line: 4, cells: [''] },
      { line: 5, cells: ['last', 'row'] },
      { line: 6, cells: ['end', '', ''] },
    ]);
  });

  it('gives the same rows however the text is cut into pieces', async () => {
    const text = 'n;t\n1;"a\r\nb"\r\n2;"c"";d"\n3;e';
    const whole = await all([text]);
    for (let cut = 1; cut < text.length; cut++) expect(await all([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    expect(whole.map((r) => r.cells)).toEqual([['n', 't'], ['1', 'a\r\nb'], ['2', 'c";d'], ['3', 'e']]);
  });

  it('reads lines without quotes (split natively) as it reads any other line, LF or CRLF, cut anywhere', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '1', ',', '\t') });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });
    await fc.assert(fc.asyncProperty(table, fc.constantFrom('\n', '\r\n'), fc.nat(60), async (rows, end, cut) => {
      const text = rows.map((row) => row.join(';')).join(end) + end;
      const expected = rows.map((cells, index) => ({ line: index + 1, cells }));
      expect(await all([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
      // A quote on the last line sends only that line through the quote-aware path.
      expect((await all([`${text}"q;x";y\n`])).at(-1)).toEqual({ line: rows.length + 1, cells: ['q;x', 'y'] });
    }));
  });

  it('agrees with csv-parse on any well-formed file', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ';', '"', '\n', ' ', '1', ',') });
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), fc.nat(40), async (table, cut) => {
      const text = table.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(';')).join('\n');
      const ours = (await all([text.slice(0, cut), text.slice(cut)])).map((row) => row.cells);
      expect(ours).toEqual(parse(text, { delimiter: ';', relax_column_count: true }));
    }));
  });
});
