import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../platform/db/create-database.js';
import { createScratchDatabase } from '../platform/db/scratch-database.js';
import { pgliteTemplate, serverTemplate, type TemplateKind } from './migrated-template.js';

/**
 * A fresh database for one test file, empty or a copy of the run's template of that kind: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (npm run test:pg), dropped when the handle closes.
 */
export async function createTestDatabase(options: { from?: TemplateKind } = {}): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  const pgliteDataDir = options.from ? pgliteTemplate(options.from) : undefined;
  if (!serverUrl) return createDatabase({ pgliteDir: 'memory://', ...(pgliteDataDir ? { pgliteDataDir } : {}) });
  const server = await createServerTestDatabase(serverUrl, options.from ? serverTemplate(options.from) : undefined);
  const handle = await createDatabase({ url: server.url, poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await server.drop();
    },
  };
}

/** A new database on the PostgreSQL server of `serverUrl` (empty, or a copy of `template`), for tests that open it more than once. */
export async function createServerTestDatabase(serverUrl: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { name, url } = await createScratchDatabase(serverUrl, 'palabre_t', template);
  return { url, drop: () => dropTestDatabase(serverUrl, name) };
}

// An autovacuum worker (owned by the server, which our role may not terminate) can hold the database for a moment.
const busyDatabase = /must be a member of the role whose process is being terminated|is being accessed by other users/;

/** Drops a test database, waiting out a server worker still in it; a leftover on a throw-away server is harmless. */
async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: serverUrl });
  await dropper.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
        return;
      } catch (error) {
        if (!busyDatabase.test(String((error as Error).message)) || attempt === 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await dropper.end();
  }
}
