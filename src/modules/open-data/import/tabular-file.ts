import type { FileStorage } from '../../../platform/storage/storage.js';
import { detectCsv, readRows, type SourceRow, type TabularKind } from './read.js';

/** CSV or XLSX by the file's extension; anything else is not a table. */
export function tabularKindOfFilename(filename: string): TabularKind | null {
  const extension = filename.split('.').pop()?.toLowerCase();
  return extension === 'csv' ? 'csv' : extension === 'xlsx' ? 'xlsx' : null;
}

/** The rows of a stored CSV (encoding and delimiter detected) or XLSX (first sheet), in batches, with their line numbers. */
export async function* readTabularFile(storage: FileStorage, key: string, kind: TabularKind): AsyncGenerator<SourceRow[]> {
  const format = kind === 'csv' ? await detectCsv(storage, key) : {};
  yield* readRows(storage, key, kind, format);
}
