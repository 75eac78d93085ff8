import type { Kysely, RawBuilder } from 'kysely';

/** Runs a statement the database should refuse; returns the SQLSTATE it raised, or null when it was accepted. */
export async function sqlErrorCode(db: Kysely<any>, statement: RawBuilder<unknown>): Promise<string | null> {
  try {
    await statement.execute(db);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}
