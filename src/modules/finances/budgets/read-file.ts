import type { FileStorage } from '../../../platform/storage/storage.js';
import { readTabularFile, tabularKindOfFilename } from '../../open-data/index.js';
import type { SourceLine } from './validate.js';

/** A budget has a few thousand lines; past this a file is not a commune's budget. */
export const maxBudgetRows = 50_000;

export class BudgetFileProblem extends Error {
  constructor(readonly problem: 'not_tabular' | 'no_header' | 'too_many_rows' | 'unreadable') {
    super(problem);
  }
}

/** The header and rows of a stored budget file (CSV in any usual encoding and delimiter, or XLSX), read whole. */
export async function readBudgetFile(storage: FileStorage, key: string, filename: string): Promise<{ header: string[]; rows: SourceLine[] }> {
  const kind = tabularKindOfFilename(filename);
  if (!kind) throw new BudgetFileProblem('not_tabular');
  const all: SourceLine[] = [];
  try {
    for await (const batch of readTabularFile(storage, key, kind)) {
      all.push(...batch);
      if (all.length > maxBudgetRows + 1) throw new BudgetFileProblem('too_many_rows');
    }
  } catch (error) {
    throw error instanceof BudgetFileProblem ? error : new BudgetFileProblem('unreadable');
  }
  const [header, ...rows] = all;
  if (!header || header.cells.every((cell) => cell.trim() === '')) throw new BudgetFileProblem('no_header');
  return { header: header.cells.map((cell) => cell.trim()), rows };
}
