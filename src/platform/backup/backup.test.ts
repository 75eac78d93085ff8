import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { seedDemoIfEmpty } from '../../seed.js';
import { testConfig } from '../../test-support/test-app.js';
import { createServerTestDatabase } from '../../test-support/test-database.js';
import { createDatabase } from '../db/create-database.js';
import { ledgerKeys } from '../ledger/signing-key.js';
import { type BackupManifest, createBackup, filesArchiveName } from './backup.js';
import { type DatabaseTarget, openTarget } from './engines.js';
import { checkRestored, restoreBackup, RestoreRefused, verifyBackup } from './restore.js';

// Both engines: PGlite folders under `npm test`, databases on the server of DATABASE_URL under `npm run test:pg`.
const serverUrl = process.env.DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'palabre-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];

async function emptyTarget(name: string): Promise<DatabaseTarget> {
  if (!serverUrl) return { pgliteDir: join(work, name) };
  const database = await createServerTestDatabase(serverUrl);
  cleanups.push(database.drop);
  return { url: database.url };
}

let source: DatabaseTarget;
let filesDir: string;
let backupDir: string;
let manifest: BackupManifest;

beforeAll(async () => {
  source = await emptyTarget('source');
  const config = testConfig();
  filesDir = join(config.dataDir, 'files');
  const database = await createDatabase('url' in source ? { url: source.url } : { pgliteDir: source.pgliteDir });
  const palabre = await createApp({ config, database });
  await seedDemoIfEmpty(palabre.services);
  await palabre.services.storage.put('backup-test/hello.txt', Buffer.from('a stored file'));
  // The demo has no supports: every user supports the first proposal of their commune (the trigger counts them).
  await sql`
    insert into proposal_supports (commune_id, proposal_id, user_id)
    select p.commune_id, p.id, u.id from users u
    join lateral (select id, commune_id from proposals order by created_at, id limit 1) p on true`.execute(palabre.services.db);
  await palabre.close();
  backupDir = join(work, 'backup');
  manifest = await createBackup({
    database: source,
    filesDir,
    outDir: backupDir,
    appVersion: '0.1.0-test',
    ledgerPublicKeyPem: ledgerKeys(config).publicKeyPem,
  });
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await rm(work, { recursive: true, force: true });
});

/** A restore of the backup into fresh targets, for tests that damage it. */
async function restoredCopy(name: string) {
  const database = await emptyTarget(name);
  const files = join(work, `${name}-files`);
  await restoreBackup({ backupDir, database, filesDir: files });
  return { database, files };
}

async function execute(target: DatabaseTarget, statement: ReturnType<typeof sql>) {
  const { db, close } = await openTarget(target);
  try {
    await statement.execute(db);
  } finally {
    await close();
  }
}

describe(`backup and restore (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('records migrations, row counts, ballots and file checksums in the manifest', () => {
    expect(manifest.engine).toBe(serverUrl ? 'postgres' : 'pglite');
    expect(manifest.migrations.length).toBeGreaterThan(10);
    expect(manifest.tables.communes).toBeGreaterThan(0);
    expect(manifest.tables.proposal_supports).toBeGreaterThan(0);
    expect(manifest.tables.ledger_entries).toBeGreaterThan(0);
    expect(manifest.files['backup-test/hello.txt']).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.artefacts).sort()).toEqual([filesArchiveName, serverUrl ? 'database.dump' : 'pglite.tar.gz'].sort());
  });

  it('--verify restores into a scratch database and finds every invariant holding', async () => {
    const report = await verifyBackup(backupDir, serverUrl);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(Object.values(manifest.tables).reduce((sum, n) => sum + n, 0));
    expect(report.ledgerEntries).toBe(manifest.tables.ledger_entries);
    expect(report.files).toBe(Object.keys(manifest.files).length);
  });

  // PostgreSQL only: PGlite is backed up stopped. The counts and pg_dump read one snapshot, so writes meanwhile do not matter.
  if (serverUrl) {
    it('verifies exactly a backup taken while the app keeps writing', async () => {
      const { db, close } = await openTarget(source);
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await sql`insert into idempotency_keys (owner, key, scope, request_hash) values ('backup-test', ${`backup-${String(written++).padStart(8, "0")}`}, 'test', 'x')`.execute(db);
        }
      })();
      try {
        const during = join(work, 'backup-during-writes');
        const taken = await createBackup({ database: source, filesDir, outDir: during, appVersion: '0.1.0-test', ledgerPublicKeyPem: null });
        writing = false;
        await writer;
        expect(written).toBeGreaterThan(taken.tables.idempotency_keys ?? 0);
        expect((await verifyBackup(during, serverUrl)).problems).toEqual([]);
      } finally {
        writing = false;
        await writer.catch(() => {});
        await close();
      }
    }, 120_000);
  }

  it('restores into an empty target, refuses a non-empty one, and replaces it with force', async () => {
    const { database, files } = await restoredCopy('restored');
    expect(readFileSync(join(files, 'backup-test/hello.txt'), 'utf8')).toBe('a stored file');
    expect((await checkRestored(manifest, database, files)).problems).toEqual([]);
    await expect(restoreBackup({ backupDir, database, filesDir: files })).rejects.toThrow(RestoreRefused);
    await restoreBackup({ backupDir, database, filesDir: files, force: true });
    expect((await checkRestored(manifest, database, files)).problems).toEqual([]);
  });

  it('reports a lost row, a counter out of step, an altered ledger entry and a changed file', async () => {
    const { database, files } = await restoredCopy('damaged');
    await execute(database, sql`delete from proposal_supports where id = (select id from proposal_supports limit 1)`);
    await execute(database, sql`alter table proposal_supports disable trigger user`);
    await execute(database, sql`delete from proposal_supports where id = (select id from proposal_supports limit 1)`);
    await execute(database, sql`alter table ledger_entries disable trigger user`);
    await execute(database, sql`update ledger_entries set title = title || ' (edited)' where seq = 0`);
    writeFileSync(join(files, 'backup-test/hello.txt'), 'another content');
    const problems = (await checkRestored(manifest, database, files)).problems.join('\n');
    expect(problems).toMatch(/table proposal_supports: (\d+) in the backup, (?!\1)\d+ restored/);
    expect(problems).toMatch(/support_count \d+ but \d+ supports/);
    expect(problems).toMatch(/ledger: .*altered row/);
    expect(problems).toMatch(/file backup-test\/hello.txt: checksum differs/);
  });

  it('refuses a backup whose files archive was damaged', async () => {
    const copy = join(work, 'damaged-backup');
    await cp(backupDir, copy, { recursive: true });
    writeFileSync(join(copy, filesArchiveName), 'not a tar');
    await expect(restoreBackup({ backupDir: copy, database: await emptyTarget('never'), filesDir: join(work, 'never-files') })).rejects.toThrow(/damaged/);
  });
});
