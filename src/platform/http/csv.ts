// Spreadsheets run cells starting with these as formulas; a leading quote makes them plain text.
const formulaStart = /^[=+\-@\t\r]/;

export type CsvValue = string | number | null | undefined;

/** One CSV cell (RFC 4180): formula-like text defused, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** A UTF-8 byte-order mark first, so spreadsheet programs (Excel) read accented and Arabic text right. */
  bom: boolean;
}

/** A CSV file (RFC 4180: CRLF line ends, one per record including the last). */
export function toCsv(rows: CsvValue[][], options: CsvOptions): string {
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  return `${options.bom ? '\uFEFF' : ''}${body}\r\n`;
}
