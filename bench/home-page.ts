import { type ChildProcess, spawn } from 'node:child_process';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

/**
 * One run measures: requests per second and p95 latency of the commune home page against a bare
 * Fastify route on the same machine, then the weight of public pages. Servers run in child
 * processes so the load generator does not share their event loop.
 */
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

function startServer(script: string): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /PORT=(\d+)/.exec(chunk.toString());
      if (match) resolve({ port: Number(match[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string) {
  const result = await autocannon({ url, connections, duration: durationSeconds, headers: { 'accept-encoding': 'br, gzip' } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p95: percentile95(result) };
}

// autocannon reports p90 and p97.5 but not p95; interpolate between them.
function percentile95(result: autocannon.Result): number {
  const { p90, p97_5 } = result.latency;
  return Math.round((p90 + ((p97_5 - p90) * 5) / 7.5) * 10) / 10;
}

async function pageWeight(base: string, path: string) {
  const response = await fetch(`${base}${path}`, { headers: { 'accept-language': 'fr' } });
  const html = Buffer.from(await response.arrayBuffer());
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(html.toString())?.[1];
  const css = cssHref ? Buffer.from(await (await fetch(`${base}${cssHref}`)).arrayBuffer()) : Buffer.alloc(0);
  const brotli = (b: Buffer) => brotliCompressSync(b).length;
  return { path, status: response.status, html: html.length, htmlBr: brotli(html), htmlGz: gzipSync(html).length, cssBr: brotli(css), total: brotli(html) + brotli(css) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const bare = await startServer('bench/serve-bare.ts');
const palabre = await startServer('bench/serve-app.ts');
try {
  const appBase = `http://127.0.0.1:${palabre.port}`;
  await load(`${appBase}/ndar-toute/`); // warm-up
  const baseline = await load(`http://127.0.0.1:${bare.port}/`);
  const homeFr = await load(`${appBase}/ndar-toute/`);
  const homeAr = await load(`${appBase}/tiznit-el-jadida/`);
  console.log(`\n## Throughput (${connections} connections, ${durationSeconds} s each, node ${process.version})\n`);
  console.log('| target | requests/s | p95 latency (ms) |\n|---|---:|---:|');
  // autocannon measures latency in whole milliseconds.
  const ms = (value: number) => (value < 1 ? '< 1' : String(value));
  console.log(`| bare Fastify route (fixed string) | ${baseline.rps} | ${ms(baseline.p95)} |`);
  console.log(`| commune home, /ndar-toute/ (fr) | ${homeFr.rps} | ${ms(homeFr.p95)} |`);
  console.log(`| commune home, /tiznit-el-jadida/ (ar) | ${homeAr.rps} | ${ms(homeAr.p95)} |`);
  console.log(`\nThe home page serves ${((homeFr.rps / baseline.rps) * 100).toFixed(1)} % of the bare route's rate.`);
  console.log('\n## Page weight (HTML + the one CSS file; brotli as served)\n');
  console.log('| page | status | HTML raw | HTML br | HTML gzip | CSS br | total br | budget |\n|---|---:|---:|---:|---:|---:|---:|---|');
  const pages = ['/', '/ndar-toute/', '/tiznit-el-jadida/', '/ndar-toute/news', '/ndar-toute/council', '/ndar-toute/services', '/ndar-toute/documents', '/sign-in'];
  for (const path of pages) {
    const w = await pageWeight(appBase, path);
    const budget = w.htmlBr <= 14 * 1024 && w.total <= 100 * 1024 ? 'ok' : 'OVER';
    console.log(`| ${w.path} | ${w.status} | ${kb(w.html)} | ${kb(w.htmlBr)} | ${kb(w.htmlGz)} | ${kb(w.cssBr)} | ${kb(w.total)} | ${budget} |`);
  }
} finally {
  bare.child.kill();
  palabre.child.kill();
}
