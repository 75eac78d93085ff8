import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PlatformTables } from './platform-tables.js';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * Streams lines in PostgreSQL's COPY text format (strings, or UTF-8 bytes) into `statement` (`COPY … FROM STDIN`): many times faster than
 * INSERTs for bulk loads. Outside any Kysely transaction (it takes a connection of its own on PostgreSQL).
 */
export type CopyIn = (statement: string, lines: AsyncIterable<string | Uint8Array>, options?: CopyOptions) => Promise<void>;

/**
 * `binary`: the lines are binary COPY tuples (PGlite parses them cheaper than text); the statement gets
 * `WITH (FORMAT binary)` and each COPY its header and trailer.
 */
export interface CopyOptions {
  binary?: boolean;
}

const binaryHeader = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const binaryTrailer = Buffer.from([0xff, 0xff]);
const withFormat = (statement: string, options: CopyOptions | undefined) => (options?.binary ? `${statement} WITH (FORMAT binary)` : statement);

async function* framed(lines: AsyncIterable<string | Uint8Array>, options: CopyOptions | undefined): AsyncGenerator<string | Uint8Array> {
  if (options?.binary) yield binaryHeader;
  yield* lines;
  if (options?.binary) yield binaryTrailer;
}

export interface DatabaseHandle {
  db: Kysely<PlatformTables>;
  kind: DatabaseKind;
  copyIn: CopyIn;
  close(): Promise<void>;
  /** Embedded database only: its data directory as a tarball (loadable through `pgliteDataDir`). */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string | undefined;
  /** Directory for PGlite files; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  /** A PGlite data directory (tarball from `dumpDataDir`) to start from, e.g. an already migrated template. */
  pgliteDataDir?: Blob;
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
    // A connection checked out when the server goes away (restart, failover) also emits 'error': without a
    // listener that would end the process; the query in progress still fails and the pool replaces the client.
    pool.on('connect', (client) => client.on('error', (error) => options.onIdleError?.(error)));
    const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', copyIn: postgresCopyIn(pool), close: () => db.destroy() };
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir.startsWith('memory://') ? undefined : dir, {
    parsers: { [int8]: (value: string) => Number(value), [date]: (value: string) => value },
    // PGlite can only create the extensions it was given here; PostgreSQL ships pg_trgm with its contrib modules.
    // Trigram indexes make the open-data datastore's substring search (`q`) use an index.
    extensions: { pg_trgm },
    ...(options.pgliteDataDir ? { loadDataDir: options.pgliteDataDir } : {}),
  });
  const db = new Kysely<PlatformTables>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', copyIn: pgliteCopyIn(pglite), close: () => db.destroy(), dumpDataDir: () => pglite.dumpDataDir('none') };
}

function postgresCopyIn(pool: pg.Pool): CopyIn {
  return async (statement, lines, options) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(framed(lines, options)), client.query(copyFrom(withFormat(statement, options))));
    } finally {
      client.release();
    }
  };
}

// PGlite reads COPY input from a Blob: one COPY per few megabytes keeps memory bounded whatever the file's size.
const pgliteCopyChunk = 4 * 1024 * 1024;

function pgliteCopyIn(pglite: PGlite): CopyIn {
  return async (statement, lines, options) => {
    const fromBlob = withFormat(statement, options).replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
    let chunk: (string | Uint8Array)[] = [];
    let size = 0;
    const flush = async () => {
      if (chunk.length > 0) await pglite.query(fromBlob, [], { blob: new Blob(options?.binary ? [binaryHeader, ...chunk, binaryTrailer] : chunk) });
      chunk = [];
      size = 0;
    };
    for await (const line of lines) {
      chunk.push(line);
      size += line.length;
      if (size >= pgliteCopyChunk) await flush();
    }
    await flush();
  };
}

export function pgliteDirectory(dataDir: string): string {
  return join(dataDir, 'pglite');
}
