import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { checksumTree, run, sha256File } from './tools.js';
import { type DatabaseTarget, dumpDatabase, dumpFileName, engineOf, openTarget } from './engines.js';
import { type DatabaseInventory, takeInventory } from './inventory.js';

export const manifestFileName = 'manifest.json';
export const filesArchiveName = 'files.tar';

/** manifest.json: what the backup holds, so that a restore can be checked against it. */
export interface BackupManifest extends DatabaseInventory {
  format: 1;
  createdAt: string;
  appVersion: string;
  engine: 'postgres' | 'pglite';
  /** sha256 of every stored file (DATA_DIR/files), by path relative to that folder. */
  files: Record<string, string>;
  /** sha256 of the backup's own artefacts (the dump, the files archive). */
  artefacts: Record<string, string>;
  /** The ledger's public key when the backup was taken: a restore re-verifies the signed tree heads with it. */
  ledgerPublicKeyPem: string | null;
}

export interface BackupOptions {
  database: DatabaseTarget;
  /** DATA_DIR/files: the uploaded files. */
  filesDir: string;
  /** The new backup's folder (created; must not exist or be empty). */
  outDir: string;
  appVersion: string;
  ledgerPublicKeyPem: string | null;
  now?: Date;
}

/** On PostgreSQL the inventory and pg_dump read one exported snapshot: the manifest counts exactly what the dump holds. */
async function inventoryAndDump(database: DatabaseTarget, dumpFile: string): Promise<DatabaseInventory> {
  const reader = await openTarget(database);
  if (engineOf(database) === 'pglite') {
    let inventory: DatabaseInventory;
    try {
      inventory = await takeInventory(reader.db);
    } finally {
      await reader.close(); // One process at a time on a PGlite folder, and the dump opens it again.
    }
    await dumpDatabase(database, dumpFile);
    return inventory;
  }
  try {
    return await reader.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      const inventory = await takeInventory(trx);
      await dumpDatabase(database, dumpFile, rows[0]!.id);
      return inventory;
    });
  } finally {
    await reader.close();
  }
}

/**
 * Takes a backup: the database dump, a tar of the stored files and a manifest of both. On PostgreSQL the app may
 * keep serving: the row counts and the dump come from the same snapshot. PGlite must be stopped first.
 */
export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  await mkdir(options.outDir, { recursive: true });
  const engine = engineOf(options.database);
  const dumpFile = join(options.outDir, dumpFileName(engine));
  const inventory = await inventoryAndDump(options.database, dumpFile);
  const files = await checksumTree(options.filesDir);
  const archive = join(options.outDir, filesArchiveName);
  await archiveFiles(options.filesDir, Object.keys(files), archive);
  const manifest: BackupManifest = {
    format: 1,
    createdAt: (options.now ?? new Date()).toISOString(),
    appVersion: options.appVersion,
    engine,
    ...inventory,
    files,
    artefacts: { [dumpFileName(engine)]: await sha256File(dumpFile), [filesArchiveName]: await sha256File(archive) },
    ledgerPublicKeyPem: options.ledgerPublicKeyPem,
  };
  await writeFile(join(options.outDir, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// Exactly the files checksummed (a list, not the folder), so an upload landing meanwhile cannot slip in unlisted.
async function archiveFiles(filesDir: string, paths: string[], archive: string): Promise<void> {
  const list = `${archive}.list`;
  await writeFile(list, paths.map((path) => `${path}\n`).join(''));
  try {
    // No files: an empty archive (the folder may not exist yet on a new install).
    await run('tar', ['-cf', archive, '-C', paths.length ? filesDir : dirname(archive), '--files-from', list]);
  } finally {
    await rm(list, { force: true });
  }
}

export async function readManifest(backupDir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(backupDir, manifestFileName), 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`unknown backup format ${String(manifest.format)}`);
  return manifest;
}
