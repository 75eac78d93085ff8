import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PlatformTables } from './platform-tables.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<PlatformTables>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string | undefined;
  /** Directory for PGlite files; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  poolSize?: number;
  /** Told when the server closes an idle pooled connection (logged by the app, ignored by tests). */
  onIdleError?: (error: Error) => void;
}

// Same values from both drivers: bigint (count(*)) as numbers, SQL dates as 'YYYY-MM-DD' strings
// (a calendar date has no time zone; turning it into a Date would shift it), timestamps as Dates.
const int8 = 20;
const date = 1082;
pg.types.setTypeParser(int8, (value) => Number(value));
pg.types.setTypeParser(date, (value) => value);

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection closed by the server (restart, failover, admin) must not crash the process:
    // the pool drops that client and opens a new one on the next query.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir.startsWith('memory://') ? undefined : dir, {
    parsers: { [int8]: (value: string) => Number(value), [date]: (value: string) => value },
  });
  const db = new Kysely<PlatformTables>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

export function pgliteDirectory(dataDir: string): string {
  return join(dataDir, 'pglite');
}
