import { writeFile } from 'node:fs/promises';
import { readFile, rm } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { userSchemasSql } from './inventory.js';
import { isEmptyDirectory, pgTool, run } from './tools.js';

/** Where a database lives: a PostgreSQL URL, or a PGlite data directory. */
export type DatabaseTarget = { url: string } | { pgliteDir: string };

export const engineOf = (target: DatabaseTarget) => ('url' in target ? 'postgres' : 'pglite');
export const dumpFileName = (engine: 'postgres' | 'pglite') => (engine === 'postgres' ? 'database.dump' : 'pglite.tar.gz');

// Same as the app's: pg_trgm must be loaded for PGlite to open a database whose indexes use it.
const openPglite = (dir: string, loadDataDir?: Blob) => PGlite.create(dir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });

/** Opens the target for reading (inventory, checks); close it with `close()`. */
export async function openTarget(target: DatabaseTarget): Promise<{ db: Kysely<any>; close(): Promise<void> }> {
  if ('url' in target) {
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 2 }) }) });
    return { db, close: () => db.destroy() };
  }
  const db = new Kysely<any>({ dialect: new PGliteDialect({ pglite: await openPglite(target.pgliteDir) }) });
  return { db, close: () => db.destroy() };
}

/**
 * Writes the database's dump to `file`: pg_dump's custom format (compressed, restorable table by table) for
 * PostgreSQL; PGlite's own data-directory tarball otherwise (PGlite has no pg_dump of its own; the server must be stopped).
 */
export async function dumpDatabase(target: DatabaseTarget, file: string, snapshot?: string): Promise<void> {
  if ('url' in target) {
    const inSnapshot = snapshot ? [`--snapshot=${snapshot}`] : [];
    await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', ...inSnapshot, `--file=${file}`, `--dbname=${target.url}`]);
    return;
  }
  const pglite = await openPglite(target.pgliteDir);
  try {
    const tarball = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/** Whether the target already holds tables (a PostgreSQL database) or files (a PGlite directory). */
export async function targetHasData(target: DatabaseTarget): Promise<boolean> {
  if (!('url' in target)) return !isEmptyDirectory(target.pgliteDir);
  const { db, close } = await openTarget(target);
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema in ${userSchemasSql}`.execute(db);
    return Number(rows[0]!.n) > 0;
  } finally {
    await close();
  }
}

/** Loads a dump into the target; `replace` first drops what the target holds (restore --force). */
export async function loadDump(target: DatabaseTarget, file: string, replace: boolean): Promise<void> {
  if ('url' in target) {
    if (replace) await dropApplicationSchemas(target.url);
    await run(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.url}`, file]);
    return;
  }
  if (replace) await rm(target.pgliteDir, { recursive: true, force: true });
  const pglite = await openPglite(target.pgliteDir, new Blob([await readFile(file)]));
  await pglite.close();
}

// --force on PostgreSQL: the application's schemas dropped (public recreated empty), so that pg_restore meets
// no leftover table, trigger or function.
async function dropApplicationSchemas(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where left(nspname, 3) <> 'pg_' and nspname <> 'information_schema'",
    );
    for (const { nspname } of rows) await client.query(`drop schema ${client.escapeIdentifier(nspname)} cascade`);
    await client.query('create schema if not exists public');
  } finally {
    await client.end();
  }
}
