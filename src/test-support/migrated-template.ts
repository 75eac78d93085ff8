import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect } from 'kysely';
import { allModules } from '../app.js';
import { createDatabase } from '../platform/db/create-database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { createScratchDatabase } from '../platform/db/scratch-database.js';
import { platformMigrations } from '../platform/db/platform-migrations.js';
import type { PlatformTables } from '../platform/db/platform-tables.js';

/**
 * Every test app needs the same ~100 migrations (a few seconds each time): the run migrates one template once
 * (vitest global setup) and each test database starts as a copy of it. Seeding stays per test file.
 */
const pgliteTemplateVariable = 'PALABRE_TEST_PGLITE_TEMPLATE';
const serverTemplateVariable = 'PALABRE_TEST_SERVER_TEMPLATE';

const migrateAll = (db: Kysely<PlatformTables>) =>
  migrateToLatest(db, [platformMigrations, ...allModules.map((module) => ({ owner: module.id, migrations: module.migrations }))]);

/** Builds the template for this run; returns how to remove it. */
export async function buildMigratedTemplate(serverUrl: string | undefined, dumpPath: string): Promise<() => Promise<void>> {
  if (!serverUrl) {
    // Its own PGlite (same extension as the app's), to dump the data directory once migrated.
    const pglite = await PGlite.create({ extensions: { pg_trgm } });
    await migrateAll(new Kysely<PlatformTables>({ dialect: new PGliteDialect({ pglite }) }));
    writeFileSync(dumpPath, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    await pglite.close();
    process.env[pgliteTemplateVariable] = dumpPath;
    return async () => {};
  }
  const template = await createScratchDatabase(serverUrl, 'palabre_template');
  const handle = await createDatabase({ url: template.url, poolSize: 2 });
  await migrateAll(handle.db);
  await handle.close();
  process.env[serverTemplateVariable] = template.name;
  return template.drop;
}

/** The PGlite data directory to start from (a tarball), when the run built one. */
export function pgliteTemplate(): Blob | undefined {
  const path = process.env[pgliteTemplateVariable];
  return path ? new Blob([readFileSync(path)]) : undefined;
}

/** The name of the migrated template database on the server, when the run built one. */
export const serverTemplate = (): string | undefined => process.env[serverTemplateVariable];
