// Spreadsheets run cells starting with these as formulas; a leading quote makes them plain text.
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): formula-like text defused, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file as UTF-8 with a byte-order mark, so spreadsheet programs read accented and Arabic text right. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
