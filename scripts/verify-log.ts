// `npm run verify-log [-- --public-key key.pem]`: re-checks every commune's tamper-evident record in the
// database the app uses (DATABASE_URL, else the embedded database in DATA_DIR): leaf hashes recomputed from the
// stored fields, roots, every signed tree head's signature, and each head consistent with the next.
// Exits 1 on the first problem. With the embedded database, stop the server first: only one process can open it.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase, pgliteDirectory } from '../src/platform/db/create-database.js';
import { ledgerKeys } from '../src/platform/ledger/signing-key.js';
import { LedgerVerificationError, verifyLedger } from '../src/platform/ledger/verify.js';

const config = loadConfig();
const keyArgument = process.argv.indexOf('--public-key');
// A published public key lets anyone verify without the signing key; by default the configured key is used.
const publicKey: KeyObject = keyArgument > 0 ? createPublicKey(readFileSync(process.argv[keyArgument + 1] ?? '', 'utf8')) : ledgerKeys(config).publicKey;
const database = await createDatabase({ url: config.databaseUrl, pgliteDir: pgliteDirectory(config.dataDir) });
let exitCode = 0;
try {
  const report = await verifyLedger(database.db, publicKey);
  console.log(`ledger OK: ${report.entries} entries and ${report.heads} signed tree heads in ${report.communes} communes`);
} catch (error) {
  exitCode = 1;
  const message = (error as Error).message;
  const hint = /does not exist/.test(message) ? ' (is this the right database? start the app once so it creates its tables)' : '';
  console.error(error instanceof LedgerVerificationError ? `ledger PROBLEM: ${message}` : `ledger check failed: ${message}${hint}`);
} finally {
  await database.close();
}
process.exit(exitCode);
