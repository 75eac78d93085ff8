import { performance } from 'node:perf_hooks';
import { callbackToken, ussdCallbackPath } from '../src/modules/channels/callback-token.js';
import { benchApp } from './in-process.js';

/**
 * USSD step latency with BENCH_SESSIONS concurrent sessions (default 200) on one commune's line, through the real
 * application (in-process requests): each session opens the menu, picks a category and a neighbourhood, types a
 * text and confirms (a complaint is filed), then follows it. Between two steps a person reads and types: BENCH_THINK_MS
 * (default 2000, drawn between half and one and a half of it; real callers take longer, so this is a heavy load).
 * BENCH_THINK_MS=0 sends every step at once: a burst, where the figure is mostly waiting in line. Every step is
 * timed; the target is p95 < 100 ms. PGlite, or PostgreSQL with BENCH_DATABASE_URL.
 */
const sessions = Number(process.env.BENCH_SESSIONS ?? 200);
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 2000);
const think = () => new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
const palabre = await benchApp();
const app = palabre.app;
const url = ussdCallbackPath('ndar-toute', callbackToken('bench-secret-bench-secret-bench-secret', 'ndar-toute', 'africastalking'));
const times: number[] = [];

async function step(sessionId: string, phone: string, text: string): Promise<string> {
  const payload = new URLSearchParams({ sessionId, serviceCode: '*384*1234#', phoneNumber: phone, networkCode: '60801', text }).toString();
  const started = performance.now();
  const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
  times.push(performance.now() - started);
  if (response.statusCode !== 200 || !/^(CON|END) /.test(response.body)) throw new Error(`${text}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  return response.body;
}

async function session(index: number): Promise<void> {
  const id = `ATUid_bench_${index}`;
  const phone = `+22177${String(1_000_000 + index).padStart(7, '0')}`;
  const path = ['', '1', '1*1', '1*1*1', `1*1*1*Panne numéro ${index}`];
  // Sessions start spread over one think time, as callers do not all dial in the same millisecond.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
  for (const text of path) {
    await step(id, phone, text);
    await think();
  }
  const done = await step(id, phone, `1*1*1*Panne numéro ${index}*1`);
  await think();
  const reference = /PL-\d{4}-\d{5}/.exec(done)?.[0];
  if (!reference) throw new Error(`no reference: ${done}`);
  await step(`${id}_follow`, phone, `2*${reference}`);
}

await Promise.all(Array.from({ length: 5 }, (_, i) => session(100_000 + i)));
times.length = 0;
const started = performance.now();
await Promise.all(Array.from({ length: sessions }, (_, i) => session(i)));
const wall = (performance.now() - started) / 1000;
times.sort((a, b) => a - b);
const quantile = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
console.log(`USSD on ${palabre.services.databaseKind}: ${sessions} concurrent sessions, think time ${thinkMs} ms, ${times.length} steps in ${wall.toFixed(1)} s`);
console.log(`step latency p50 ${quantile(0.5).toFixed(1)} ms, p95 ${quantile(0.95).toFixed(1)} ms, max ${quantile(1).toFixed(1)} ms`);
await palabre.close();
