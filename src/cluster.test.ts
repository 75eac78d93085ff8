import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createServerTestDatabase } from './test-support/test-database.js';

// npm run start:cluster: on PostgreSQL (npm run test:pg) two real workers answer on one port and stop
// cleanly on SIGTERM; on the embedded PGlite it refuses to start, since one process owns the files.
const script = fileURLToPath(new URL('./cluster.ts', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startCluster(env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL')) as Record<string, string>;
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), 'palabre-cluster-')), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const waitFor = async (text: string) => {
    while (!output.includes(text)) {
      if (child.exitCode !== null) throw new Error(`cluster exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

describe('npm run start:cluster', () => {
  it(process.env.DATABASE_URL ? 'runs two workers on one port over PostgreSQL and stops them on SIGTERM' : 'refuses to start on the embedded PGlite database', async () => {
    if (!process.env.DATABASE_URL) {
      const cluster = startCluster({});
      expect(await cluster.exited).toBe(1);
      expect(cluster.output()).toContain('a cluster needs PostgreSQL (set DATABASE_URL)');
      return;
    }
    const database = await createServerTestDatabase(process.env.DATABASE_URL);
    try {
      const port = await freePort();
      const cluster = startCluster({ DATABASE_URL: database.url, WORKERS: '2', PORT: String(port) });
      await cluster.waitFor('2 workers listening');
      for (let i = 0; i < 4; i++) expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      cluster.child.kill('SIGTERM');
      expect(await cluster.exited).toBe(0);
      expect(cluster.output()).toContain('SIGTERM: letting the workers finish their requests');
    } finally {
      await database.drop();
    }
  }, 120_000);
});
