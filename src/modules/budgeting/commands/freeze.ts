import { AppError } from '../../../platform/http/errors.js';
import { frozenSqlState } from '../db/tables.js';

/** The triggers' refusal, should a change slip past the application's own check, as the same clear message. */
export async function refusingFrozen<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === frozenSqlState) throw new AppError('BUDGET_FROZEN', String(error));
    throw error;
  }
}

export function assertNotFrozen(frozen: boolean): void {
  if (frozen) throw new AppError('BUDGET_FROZEN');
}
