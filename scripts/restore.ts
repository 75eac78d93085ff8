// `npm run restore -- <backup folder> [--force]`: restores a backup (npm run backup) into the database the app
// is configured for (DATABASE_URL, else the PGlite folder in DATA_DIR) and DATA_DIR/files; refuses a target that
// holds data unless --force (which replaces it). Stop the app first.
// `npm run restore -- <backup folder> --verify`: touches nothing live: restores into a scratch database (a temporary
// PGlite folder, or a new database on DATABASE_URL's server) and checks row counts, ballot tallies, trigger-kept
// counters, file checksums and the ledger; exits 1 on any problem. See docs/backup.md.
import { join } from 'node:path';
import { checkRestored, restoreBackup, type VerifyReport, verifyBackup } from '../src/platform/backup/restore.js';
import { loadConfig } from '../src/platform/config/config.js';
import { pgliteDirectory } from '../src/platform/db/create-database.js';

const config = loadConfig();
const args = process.argv.slice(2);
const backupDir = args.find((arg) => !arg.startsWith('--'));
if (!backupDir) {
  console.error('usage: npm run restore -- <backup folder> [--force | --verify]');
  process.exit(2);
}

function print(report: VerifyReport, what: string): number {
  const summary = `${report.tables} tables, ${report.rows} rows, ${report.files} files, ${report.ledgerEntries} ledger entries`;
  if (report.problems.length === 0) {
    console.log(`${what} OK: ${summary} (backup of ${report.manifest.createdAt}, app ${report.manifest.appVersion})`);
    return 0;
  }
  console.error(`${what} FAILED: ${report.problems.length} problem(s)\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
  return 1;
}

const started = Date.now();
let code: number;
try {
  if (args.includes('--verify')) {
    code = print(await verifyBackup(backupDir, config.databaseUrl), 'verify');
  } else {
    const database = config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: pgliteDirectory(config.dataDir) };
    const filesDir = join(config.dataDir, 'files');
    const manifest = await restoreBackup({ backupDir, database, filesDir, force: args.includes('--force') });
    code = print(await checkRestored(manifest, database, filesDir), 'restore');
  }
} catch (error) {
  console.error(`restore FAILED: ${(error as Error).message}`);
  code = 1;
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(code);
