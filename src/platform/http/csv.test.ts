import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../test-support/hostile-strings.js';
import { csvCell, toCsv } from './csv.js';

/** A minimal RFC 4180 reader, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('CSV writer', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas in text (not in numbers)', () => {
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}SUM(A1)`)).toContain(`'${start}SUM(A1)`);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('adds the byte-order mark only when asked, and ends every record with CRLF', () => {
    expect(toCsv([['é', 'ب'], [1, 2]], { bom: true })).toBe('\uFEFFé,ب\r\n1,2\r\n');
    expect(toCsv([['é', 'ب'], [1, 2]], { bom: false })).toBe('é,ب\r\n1,2\r\n');
  });

  it('every hostile string reads back as one cell, whole', () => {
    const values = hostileStrings.map((h) => h.value);
    const [row] = parseCsv(toCsv([values], { bom: false }));
    expect(row).toHaveLength(values.length);
    row!.forEach((cell, i) => expect(cell.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(values[i]));
  });
});
