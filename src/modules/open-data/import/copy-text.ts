import type { ImportRowError } from '../db/tables.js';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { rowConverter } from './convert.js';

/** Errors kept to show (the count is exact). */
export const keptErrors = 1_000;

/** What a load has done so far: rows in, rows refused, and the first refusals with their line. */
export interface LoadCounts {
  rowsLoaded: number;
  rejected: number;
  errors: ImportRowError[];
}

export const emptyCounts = (): LoadCounts => ({ rowsLoaded: 0, rejected: 0, errors: [] });

/** A row whose cells are all blank: skipped, as spreadsheets leave them between blocks. */
export function isBlank(cells: string[]): boolean {
  for (const cell of cells) {
    // Most cells start with a visible ASCII character: no need to trim them to know.
    const first = cell.charCodeAt(0);
    if (first > 32 && first < 0x7f) return false;
    if (cell.trim() !== '') return false;
  }
  return true;
}

interface Row {
  line: number;
  cells: string[];
}

/**
 * Source rows → COPY text (`_id` then the columns), the header skipped, blank rows ignored; refused rows are counted and the first
 * thousand kept with their line. The same code runs in the import's worker thread (CSV) and in-thread (XLSX).
 */
export class CopyTextBuilder {
  /** Until the first row that is not blank, which is the header and is skipped. */
  awaitingHeader = true;
  private readonly convert: ReturnType<typeof rowConverter>;

  constructor(schema: DatastoreSchema, readonly counts: LoadCounts = emptyCounts()) {
    this.convert = rowConverter(schema);
  }

  /** The COPY lines of these rows that fit, as one string ('' when none does). */
  add(rows: Row[]): string {
    const out: string[] = [];
    for (const row of rows) {
      if (isBlank(row.cells)) continue;
      if (this.awaitingHeader) {
        this.awaitingHeader = false;
        continue;
      }
      // `_id` first: the row's number among those loaded, in file order, as the identity would have given it.
      const converted = this.convert(row.cells, `${this.counts.rowsLoaded + 1}\t`);
      if (typeof converted === 'string') {
        this.counts.rowsLoaded += 1;
        out.push(converted);
      } else {
        this.counts.rejected += 1;
        if (this.counts.errors.length < keptErrors) this.counts.errors.push({ line: row.line, ...converted });
      }
    }
    return out.join('');
  }
}
