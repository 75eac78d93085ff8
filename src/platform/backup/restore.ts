import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { createScratchDatabase } from '../db/scratch-database.js';
import { verifyLedger } from '../ledger/verify.js';
import { type BackupManifest, filesArchiveName, readManifest } from './backup.js';
import { type DatabaseTarget, dumpFileName, loadDump, openTarget, targetHasData } from './engines.js';
import { counterMismatches, inventoryDifferences, takeInventory } from './inventory.js';
import { checksumTree, isEmptyDirectory, run, sha256File } from './tools.js';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreOptions {
  backupDir: string;
  database: DatabaseTarget;
  filesDir: string;
  /** Replace what the target holds instead of refusing. */
  force?: boolean;
}

/** Restores a backup into the target database and files folder; refuses a target that holds data unless `force`. */
export async function restoreBackup(options: RestoreOptions): Promise<BackupManifest> {
  const manifest = await readManifest(options.backupDir);
  const engine = 'url' in options.database ? 'postgres' : 'pglite';
  if (engine !== manifest.engine) throw new RestoreRefused(`this is a ${manifest.engine} backup; the target is ${engine}`);
  const artefactProblems = await checkArtefacts(options.backupDir, manifest);
  if (artefactProblems.length) throw new RestoreRefused(`the backup is damaged: ${artefactProblems.join('; ')}`);
  if (!options.force) {
    if (await targetHasData(options.database)) throw new RestoreRefused('the target database is not empty (use --force to replace it)');
    if (!isEmptyDirectory(options.filesDir)) throw new RestoreRefused(`the files folder ${options.filesDir} is not empty (use --force to replace it)`);
  }
  await loadDump(options.database, join(options.backupDir, dumpFileName(manifest.engine)), !!options.force);
  if (options.force) await rm(options.filesDir, { recursive: true, force: true });
  await mkdir(options.filesDir, { recursive: true });
  await run('tar', ['-xf', join(options.backupDir, filesArchiveName), '-C', options.filesDir]);
  return manifest;
}

async function checkArtefacts(backupDir: string, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(manifest.artefacts)) {
    const found = await sha256File(join(backupDir, name)).catch(() => 'missing');
    if (found !== expected) problems.push(`${name}: checksum ${found === 'missing' ? 'missing file' : 'differs'}`);
  }
  return problems;
}

export interface VerifyReport {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  files: number;
  ledgerEntries: number;
  problems: string[];
}

/**
 * Checks what a restore produced against the backup's manifest: row counts per table, the ballot tally,
 * trigger-kept counters against fresh counts, every stored file's checksum (against the manifest and the
 * stored_files rows), and the tamper-evident ledger re-verified with the public key of the backup's time.
 */
export async function checkRestored(manifest: BackupManifest, database: DatabaseTarget, filesDir: string): Promise<VerifyReport> {
  const { db, close } = await openTarget(database);
  try {
    const inventory = await takeInventory(db);
    const problems = [...inventoryDifferences(manifest, inventory), ...(await counterMismatches(db))];
    const files = await checksumTree(filesDir);
    for (const path of new Set([...Object.keys(manifest.files), ...Object.keys(files)])) {
      if (manifest.files[path] !== files[path]) problems.push(`file ${path}: ${files[path] ? (manifest.files[path] ? 'checksum differs' : 'not in the backup') : 'missing'}`);
    }
    if (inventory.tables.stored_files !== undefined) {
      const stored = await db.selectFrom('stored_files').select(['storage_key', 'sha256']).execute();
      for (const row of stored as { storage_key: string; sha256: string }[]) {
        if (files[row.storage_key] && files[row.storage_key] !== row.sha256) problems.push(`file ${row.storage_key}: differs from its stored_files checksum`);
      }
    }
    let ledgerEntries = 0;
    if (inventory.tables.ledger_entries !== undefined && manifest.ledgerPublicKeyPem) {
      try {
        ledgerEntries = (await verifyLedger(db, createPublicKey(manifest.ledgerPublicKeyPem))).entries;
      } catch (error) {
        problems.push(`ledger: ${(error as Error).message}`);
      }
    }
    const rows = Object.values(inventory.tables).reduce((sum, n) => sum + n, 0);
    return { manifest, tables: Object.keys(inventory.tables).length, rows, files: Object.keys(files).length, ledgerEntries, problems };
  } finally {
    await close();
  }
}

/**
 * restore --verify: restores into a scratch database (a temporary PGlite folder, or a new database on the
 * PostgreSQL server of `serverUrl`) and a temporary files folder, checks it, then removes both.
 */
export async function verifyBackup(backupDir: string, serverUrl?: string): Promise<VerifyReport> {
  const scratch = await mkdtemp(join(tmpdir(), 'palabre-verify-'));
  const manifest = await readManifest(backupDir);
  const scratchDb = manifest.engine === 'postgres' ? await scratchDatabase(serverUrl) : null;
  try {
    const database: DatabaseTarget = scratchDb ? { url: scratchDb.url } : { pgliteDir: join(scratch, 'pglite') };
    const filesDir = join(scratch, 'files');
    await restoreBackup({ backupDir, database, filesDir });
    return await checkRestored(manifest, database, filesDir);
  } finally {
    await scratchDb?.drop();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function scratchDatabase(serverUrl: string | undefined): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new RestoreRefused('verifying a PostgreSQL backup needs DATABASE_URL (a server whose role may CREATEDB)');
  return createScratchDatabase(serverUrl, 'palabre_verify');
}
