import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';

/**
 * The proposal list of a consultation holding BENCH_PROPOSALS proposals (default 100,000) and
 * BENCH_USERS × BENCH_SUPPORTS_PER_USER supports (default 1,000,000), against the commune home page
 * of the same server, in one run. Target (issue 4): the list within 2× the home page's p95.
 */
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

function startApp(): Promise<{ port: number; consultation: string; seeded: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_PROPOSALS: process.env.BENCH_PROPOSALS ?? '100000' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-app.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /PORT=(\d+)/.exec(output);
      const consultation = /CONSULTATION=([0-9a-f-]{36}) \(([^)]+)\)/.exec(output);
      if (port && consultation) resolve({ port: Number(port[1]), consultation: consultation[1]!, seeded: consultation[2]!, child });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function load(url: string) {
  const result = await autocannon({ url, connections, duration: durationSeconds, headers: { 'accept-encoding': 'br, gzip' } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const { p90, p97_5 } = result.latency;
  return { rps: Math.round(result.requests.average), p95: Math.round((p90 + ((p97_5 - p90) * 5) / 7.5) * 10) / 10 };
}

const app = await startApp();
try {
  const base = `http://127.0.0.1:${app.port}`;
  const list = `${base}/ndar-toute/consultations/${app.consultation}`;
  const secondPage = await (await fetch(`${list}?sort=supported`)).text();
  const after = /class="pagination"[^>]*><a href="([^"]+)"/.exec(secondPage)?.[1]?.replace(/&amp;/g, '&');
  await load(`${base}/ndar-toute/`);
  const rows: [string, { rps: number; p95: number }][] = [
    ['commune home, /ndar-toute/', await load(`${base}/ndar-toute/`)],
    ['proposals, newest first', await load(`${list}?sort=newest`)],
    ['proposals, most supported first', await load(`${list}?sort=supported`)],
    ['proposals, most supported, page 2 (keyset)', await load(`${base}${after}`)],
    ['proposals, random order (seeded)', await load(`${list}?sort=random&seed=bench`)],
  ];
  console.log(`\n### Proposal list (${process.env.BENCH_PROPOSALS ?? '100000'} proposals, data ${app.seeded}; ${connections} connections, ${durationSeconds} s each)\n`);
  console.log('| page | requests/s | p95 latency (ms) |\n|---|---:|---:|');
  for (const [name, r] of rows) console.log(`| ${name} | ${r.rps} | ${r.p95} |`);
  const home = rows[0]![1].p95;
  const worst = Math.max(...rows.slice(1).map(([, r]) => r.p95));
  console.log(`\nSlowest list p95 / home p95 = ${(worst / home).toFixed(2)} (target ≤ 2).`);
} finally {
  app.child.kill();
}
