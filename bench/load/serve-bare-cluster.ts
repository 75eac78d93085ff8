import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';

// The bare Fastify route (bench/serve-bare.ts) in WORKERS processes on one port, as start:cluster runs the
// application: the page/bare ratio then compares like with like.
const workers = Number(process.env.WORKERS ?? 1);
const port = Number(process.env.PORT ?? 0) || 20000 + Math.floor(Math.random() * 20000);
cluster.setupPrimary({ exec: fileURLToPath(new URL('../serve-bare.ts', import.meta.url)), silent: true });
await Promise.all(Array.from({ length: workers }, () => new Promise((resolve) => cluster.fork({ PORT: String(port) }).once('listening', resolve))));
console.log(`BARE_READY PORT=${port}`);
process.once('SIGTERM', () => {
  for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
  process.exit(0);
});
