import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createApp } from '../app.js';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp, testConfig } from './test-app.js';

/** A real HTTP server of the app, on its own port. */
export interface AppServer {
  origin: string;
  stop(): Promise<void>;
}

/**
 * Servers over the database of `t`, for tests that race several servers on the same rows. On PostgreSQL
 * (npm run test:pg) each is a child process, so nothing in one process's memory can help the other; on
 * PGlite, which one process owns, they are app instances in this process sharing the database handle.
 */
export function appServers(t: TestApp, count: number, secret: string): Promise<AppServer[]> {
  const start = process.env.DATABASE_URL ? () => childServer(t, secret) : () => inProcessServer(t, secret);
  return Promise.all(Array.from({ length: count }, start));
}

/** For a test file: a seeded app and `count` servers over its database, started before its tests and stopped after. */
export function serversOnOneDatabase(count: number, secret: string): { app: () => TestApp; servers: () => AppServer[] } {
  let t: TestApp | undefined;
  let servers: AppServer[] = [];
  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_SECRET: secret } });
    servers = await appServers(t, count, secret);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await t?.close();
  });
  return { app: () => t!, servers: () => servers };
}

/** A server process on the same PostgreSQL test database as `t`. */
async function childServer(t: TestApp, secret: string): Promise<AppServer> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(t.services.db)).rows[0]!.name}`;
  const script = fileURLToPath(new URL('./serve-test-app.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, DATABASE_URL: url.toString(), SESSION_SECRET: secret }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`test server exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('PORT=') && resolve(line.slice(5)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { origin: `http://127.0.0.1:${port}`, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/** A second app instance listening on its own port, over the database handle of `t`. */
async function inProcessServer(t: TestApp, secret: string): Promise<AppServer> {
  const palabre = await createApp({ config: testConfig({ SESSION_SECRET: secret }), database: { db: t.services.db, kind: t.services.databaseKind, copyIn: t.services.copyIn, close: async () => {} } });
  await palabre.app.listen({ host: '127.0.0.1', port: 0 });
  const address = palabre.app.server.address();
  return { origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}`, stop: () => palabre.close() };
}
