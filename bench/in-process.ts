import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { createApp, type PalabreApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createSession, sessionCookieName } from '../src/platform/auth/session-store.js';
import { seedDemoIfEmpty } from '../src/seed.js';

/** The real application with production settings on a fresh data folder, seeded with the demo network. */
export async function benchApp(databaseUrl = process.env.BENCH_DATABASE_URL): Promise<PalabreApp> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    DEMO_MODE: 'true',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'palabre-bench-')),
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    // Production settings require a key for the tamper-evident record: a throw-away one will do.
    LEDGER_SIGNING_KEY: process.env.LEDGER_SIGNING_KEY ?? generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  });
  const palabre = await createApp({ config });
  await seedDemoIfEmpty(palabre.services);
  return palabre;
}

/**
 * p50 and p95 of one GET answered in process (`inject`: no network), one call at a time, after 3 warm-up calls:
 * the latency of one call, not the throughput of the machine.
 */
export async function latencyOf(app: FastifyInstance, url: string, calls: number, headers: Record<string, string> = {}): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < calls + 3; i++) {
    const start = performance.now();
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    if (i >= 3) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const quantile = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: quantile(0.5), p95: quantile(0.95) };
}

/** A staff session cookie for a demo account, by its phone. */
export async function staffCookie(palabre: PalabreApp, phone: string): Promise<string> {
  const { db } = palabre.services;
  const user = await db.selectFrom('users').select('id').where('phone_e164', '=', phone).executeTakeFirstOrThrow();
  const { token } = await createSession(db, { userId: user.id, kind: 'staff', ip: null, userAgent: 'bench' });
  return `${sessionCookieName}=${token}`;
}

/** One page to time: its name, its URL and, for a signed-in page, the session cookie. */
export type TimedPage = [name: string, url: string, cookie: string | undefined];

/** Times each page (`latencyOf`) and prints the Markdown table docs/performance.md quotes. */
export async function printLatencyTable(app: FastifyInstance, title: string, pages: TimedPage[], calls: number): Promise<void> {
  console.log(`\n### ${title}\n`);
  console.log('| page | p50 (ms) | p95 (ms) |\n|---|---:|---:|');
  for (const [name, url, cookie] of pages) {
    const { p50, p95 } = await latencyOf(app, url, calls, cookie ? { cookie } : {});
    console.log(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
  }
}
