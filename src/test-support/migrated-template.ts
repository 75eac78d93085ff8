import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect } from 'kysely';
import { allModules, createApp } from '../app.js';
import { loadConfig } from '../platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../platform/db/create-database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { createScratchDatabase } from '../platform/db/scratch-database.js';
import { platformMigrations } from '../platform/db/platform-migrations.js';
import type { PlatformTables } from '../platform/db/platform-tables.js';
import { seedDemoIfEmpty } from '../seed.js';

/**
 * Every test app needs the same ~100 migrations and, mostly, the same demo network (seconds each time): the run
 * builds two templates once (vitest global setup), migrated and migrated + seeded, and each test database starts
 * as a copy of one of them. The seeded one comes with what seeding wrote outside the database (files, the keys
 * it signed and sealed with), which a test app seeded from it must reuse.
 */
export type TemplateKind = 'migrated' | 'seeded';

const pgliteVariable = (kind: TemplateKind) => `PALABRE_TEST_PGLITE_${kind.toUpperCase()}`;
const serverVariable = (kind: TemplateKind) => `PALABRE_TEST_SERVER_${kind.toUpperCase()}`;
const seededSetupVariable = 'PALABRE_TEST_SEEDED_SETUP';

/** What a test app seeded from the template must be configured with: the seed's data directory and its secrets. */
export interface SeededSetup {
  dataDir: string;
  env: { SESSION_SECRET: string; LEDGER_SIGNING_KEY: string };
}

const migrateAll = (db: Kysely<PlatformTables>) =>
  migrateToLatest(db, [platformMigrations, ...allModules.map((module) => ({ owner: module.id, migrations: module.migrations }))]);

/** Builds this run's templates under `dir`; returns how to remove them. */
export async function buildTemplates(serverUrl: string | undefined, dir: string): Promise<() => Promise<void>> {
  const setup: SeededSetup = {
    dataDir: join(dir, 'seeded-data'),
    env: {
      SESSION_SECRET: randomBytes(32).toString('hex'),
      LEDGER_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    },
  };
  mkdirSync(setup.dataDir, { recursive: true });
  process.env[seededSetupVariable] = JSON.stringify(setup);
  return serverUrl ? buildServerTemplates(serverUrl, setup) : buildPgliteTemplates(dir, setup);
}

async function buildPgliteTemplates(dir: string, setup: SeededSetup): Promise<() => Promise<void>> {
  // Its own PGlite (same extension as the app's), to dump the data directory once migrated.
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  await migrateAll(new Kysely<PlatformTables>({ dialect: new PGliteDialect({ pglite }) }));
  const migrated = await pglite.dumpDataDir('none');
  await pglite.close();
  keepPgliteTemplate('migrated', migrated, dir);
  const database = await createDatabase({ pgliteDir: 'memory://', pgliteDataDir: migrated });
  await seed(database, setup, async () => keepPgliteTemplate('seeded', await database.dumpDataDir!(), dir));
  return async () => {};
}

async function keepPgliteTemplate(kind: TemplateKind, dump: Blob, dir: string): Promise<void> {
  const path = join(dir, `${kind}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  process.env[pgliteVariable(kind)] = path;
}

async function buildServerTemplates(serverUrl: string, setup: SeededSetup): Promise<() => Promise<void>> {
  const migrated = await createScratchDatabase(serverUrl, 'palabre_template');
  const handle = await createDatabase({ url: migrated.url, poolSize: 2 });
  await migrateAll(handle.db);
  await handle.close();
  process.env[serverVariable('migrated')] = migrated.name;
  const seeded = await createScratchDatabase(serverUrl, 'palabre_seeded', migrated.name);
  await seed(await createDatabase({ url: seeded.url, poolSize: 2 }), setup, async () => {});
  process.env[serverVariable('seeded')] = seeded.name;
  return async () => {
    await seeded.drop();
    await migrated.drop();
  };
}

/** Seeds the demo network through a whole app, as a test app would; `keep` runs before the database closes. */
async function seed(database: DatabaseHandle, setup: SeededSetup, keep: () => Promise<void>): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: setup.dataDir, LOG_LEVEL: 'silent', DEMO_MODE: 'true', ...setup.env });
  const palabre = await createApp({ config, database });
  try {
    await seedDemoIfEmpty(palabre.services);
    await keep();
  } finally {
    await palabre.close();
  }
}

/** The PGlite data directory (a tarball) of this run's template of that kind, when the run built one. */
export function pgliteTemplate(kind: TemplateKind): Blob | undefined {
  const path = process.env[pgliteVariable(kind)];
  return path ? new Blob([readFileSync(path)]) : undefined;
}

/** The name of this run's template database of that kind on the server, when the run built one. */
export const serverTemplate = (kind: TemplateKind): string | undefined => process.env[serverVariable(kind)];

/** How to configure an app seeded from the seeded template, when the run built one. */
export function seededSetup(): SeededSetup | undefined {
  const text = process.env[seededSetupVariable];
  return text ? (JSON.parse(text) as SeededSetup) : undefined;
}
