// `npm run backup [-- --out <folder>]`: backs up the database the app uses (DATABASE_URL: pg_dump custom format;
// else the embedded PGlite in DATA_DIR, whose server must be stopped) and the stored files (DATA_DIR/files),
// with a manifest (date, app version, migrations, row counts, checksums). Default folder:
// backups/palabre-<UTC date and time>. See docs/backup.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackup } from '../src/platform/backup/backup.js';
import { loadConfig } from '../src/platform/config/config.js';
import { pgliteDirectory } from '../src/platform/db/create-database.js';
import { ledgerKeys } from '../src/platform/ledger/signing-key.js';

const config = loadConfig();
const outArgument = process.argv.indexOf('--out');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const outDir = outArgument > 0 ? (process.argv[outArgument + 1] ?? '') : join('backups', `palabre-${stamp}`);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const started = Date.now();
try {
  const manifest = await createBackup({
    database: config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: pgliteDirectory(config.dataDir) },
    filesDir: join(config.dataDir, 'files'),
    outDir,
    appVersion: version,
    ledgerPublicKeyPem: ledgerKeys(config).publicKeyPem,
  });
  const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
  console.log(
    `backup written to ${outDir}: ${manifest.engine}, ${Object.keys(manifest.tables).length} tables, ${rows} rows, ` +
      `${Object.keys(manifest.files).length} files, ${manifest.migrations.length} migrations, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`backup FAILED: ${(error as Error).message}`);
  process.exit(1);
}
