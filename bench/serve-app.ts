import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { seedDemoIfEmpty } from '../src/seed.js';
import { seedProposals } from './seed-proposals.js';

// The real application on a seeded embedded database, as `npm start` runs it.
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
  DEMO_MODE: 'true',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'palabre-bench-')),
  LOG_LEVEL: 'silent',
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
});
const palabre = await createApp({ config });
await seedDemoIfEmpty(palabre.services);
const proposals = Number(process.env.BENCH_PROPOSALS ?? 0);
if (proposals > 0) {
  const started = Date.now();
  const consultationId = await seedProposals(palabre, 'ndar-toute', proposals, Number(process.env.BENCH_USERS ?? 10_000), Number(process.env.BENCH_SUPPORTS_PER_USER ?? 100));
  console.log(`CONSULTATION=${consultationId} (seeded in ${Math.round((Date.now() - started) / 1000)} s)`);
}
await palabre.app.listen({ host: '127.0.0.1', port: 0 });
const address = palabre.app.server.address();
console.log(`PORT=${typeof address === 'object' && address ? address.port : ''}`);
