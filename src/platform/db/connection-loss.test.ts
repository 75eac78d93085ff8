import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { createServerTestDatabase } from '../../test-support/test-database.js';
import { createDatabase, type DatabaseHandle } from './create-database.js';

// Found by the crash drill (scripts/crash-test.ts): a PostgreSQL restart while a pooled connection was checked
// out emitted an 'error' event nobody listened to, which ended the app process. Under `npm run test:pg` the
// server really ends the connection; on PGlite (no server) a failed transaction must leave the handle usable too.
const serverUrl = process.env.DATABASE_URL;
const server = serverUrl ? await createServerTestDatabase(serverUrl) : null;
const errors: Error[] = [];
const handle: DatabaseHandle = await createDatabase(server ? { url: server.url, poolSize: 2, onIdleError: (error) => errors.push(error) } : { pgliteDir: 'memory://' });

afterAll(async () => {
  await handle.close();
  await server?.drop();
});

it('survives losing its connection in the middle of a transaction, and answers the next query', async () => {
  const transaction = handle.db.transaction().execute(async (trx) => {
    if (server) {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      // Another connection ends this one, as a server restart or failover would.
      const other = await createDatabase({ url: server.url, poolSize: 1 });
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(other.db);
      await other.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await sql`select 1/0`.execute(trx);
  });
  await expect(transaction).rejects.toThrow();
  if (server) expect(errors.map((error) => error.message).join('\n')).toMatch(/terminat/);
  const { rows } = await sql<{ n: number }>`select 41 + 1 as n`.execute(handle.db);
  expect(Number(rows[0]!.n)).toBe(42);
});
