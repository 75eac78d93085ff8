import { benchApp } from './in-process.js';
import { seedProposals } from './seed-proposals.js';

// The real application on a seeded embedded database, as `npm start` runs it.
const palabre = await benchApp(process.env.BENCH_DATABASE_URL);
const proposals = Number(process.env.BENCH_PROPOSALS ?? 0);
if (proposals > 0) {
  const started = Date.now();
  const consultationId = await seedProposals(palabre, 'ndar-toute', proposals, Number(process.env.BENCH_USERS ?? 10_000), Number(process.env.BENCH_SUPPORTS_PER_USER ?? 100));
  console.log(`CONSULTATION=${consultationId} (seeded in ${Math.round((Date.now() - started) / 1000)} s)`);
}
await palabre.app.listen({ host: '127.0.0.1', port: 0 });
const address = palabre.app.server.address();
console.log(`PORT=${typeof address === 'object' && address ? address.port : ''}`);
