import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FileStorage } from '../../../platform/storage/storage.js';
import type { DetectedFormat } from '../db/tables.js';
import { isBlank } from './copy-text.js';
import { delimitedRows } from './delimited.js';
import { detectDelimiter, detectEncoding } from './detect.js';

export interface SourceRow {
  /** Line in the file (CSV) or row in the sheet (XLSX), 1 = the header. */
  line: number;
  cells: string[];
}

export type TabularKind = 'csv' | 'xlsx';

const sampleBytes = 64 * 1024;

async function firstBytes(stream: Readable, count: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= count) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, count);
}

/** Encoding and delimiter of a stored CSV, from its first 64 KB. */
export async function detectCsv(storage: FileStorage, key: string): Promise<DetectedFormat> {
  const sample = await firstBytes(storage.read(key), sampleBytes);
  const encoding = detectEncoding(sample);
  return { encoding, delimiter: detectDelimiter(iconv.decode(sample, encoding)) };
}

/** Counts the bytes read from storage, for the progress bar. */
function counted(stream: Readable, onBytes: (total: number) => void): Readable {
  let total = 0;
  const through = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    total += chunk.length;
    onBytes(total);
  });
  stream.on('error', (error) => through.destroy(error));
  return stream.pipe(through);
}

async function* csvRows(source: Readable, format: DetectedFormat): AsyncGenerator<SourceRow[]> {
  const text = source.pipe(iconv.decodeStream(format.encoding ?? 'utf-8')) as AsyncIterable<string>;
  for await (const batch of delimitedRows(text, format.delimiter ?? ',')) {
    const rows = batch.filter((row) => !isBlank(row.cells));
    if (rows.length > 0) yield rows;
  }
}

/** A cell as text: numbers with a dot, dates as ISO 8601 (a date at midnight UTC as a day), formulas by result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function* xlsxRows(source: Readable, format: DetectedFormat): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', worksheets: 'emit', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    format.sheet = (sheet as unknown as { name?: string }).name ?? 'Sheet1';
    let width = 0;
    let batch: SourceRow[] = [];
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (width === 0) width = values.length;
      while (values.length < width && values.length > 0) values.push('');
      if (isBlank(values)) continue;
      batch.push({ line: row.number, cells: values });
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return; // the first worksheet only
  }
}

/** The rows of a stored file, streamed in batches; `onBytes` hears how far into the file the reader is. */
export function readRows(storage: FileStorage, key: string, kind: TabularKind, format: DetectedFormat, onBytes: (total: number) => void = () => {}): AsyncGenerator<SourceRow[]> {
  const source = counted(storage.read(key), onBytes);
  return kind === 'csv' ? csvRows(source, format) : xlsxRows(source, format);
}
