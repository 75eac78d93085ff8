import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app.js';
import { createSession, sessionCookieName } from '../../../platform/auth/session-store.js';
import { createTestApp, type TestApp, testConfig, testCsrfToken } from '../../../test-support/test-app.js';
import { scoped } from '../queries/budget-queries.js';

// Issue 5: one voter's 200 identical confirmations spread over two real HTTP servers. On PostgreSQL
// (npm run test:pg) the servers are two child processes on the test database, so only the database
// can keep the ballot unique; on PGlite, which one process owns, two app instances share the handle.
const secret = 'two-servers-secret-two-servers-secret';
const hour = 3600_000;
let t: TestApp;
let ndarId: string;
const servers: { origin: string; stop: () => Promise<void> }[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { SESSION_SECRET: secret } });
  ndarId = await t.communeId('ndar-toute');
  servers.push(...(process.env.DATABASE_URL ? await Promise.all([childServer(), childServer()]) : await Promise.all([inProcessServer(), inProcessServer()])));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await t.close();
});

/** A server process on the same PostgreSQL test database as `t`. */
async function childServer() {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(t.services.db)).rows[0]!.name}`;
  const script = fileURLToPath(new URL('../../../test-support/serve-test-app.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, DATABASE_URL: url.toString(), SESSION_SECRET: secret }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`test server exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('PORT=') && resolve(line.slice(5)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { origin: `http://127.0.0.1:${port}`, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/** A second app instance listening on its own port, over the database handle of `t`. */
async function inProcessServer() {
  const palabre = await createApp({ config: testConfig({ SESSION_SECRET: secret }), database: { db: t.services.db, kind: t.services.databaseKind, copyIn: t.services.copyIn, close: async () => {} } });
  await palabre.app.listen({ host: '127.0.0.1', port: 0 });
  const address = palabre.app.server.address();
  return { origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}`, stop: () => palabre.close() };
}

async function openRound() {
  const inNdar = scoped(t.services.db, ndarId);
  const round = await inNdar
    .insertInto('budget_rounds', { title: JSON.stringify({ fr: 'Tour à deux serveurs' }), description: '{}', per_neighbourhood: false, allow_assisted: false, currency: 'XOF', total_amount: 1200, rule: 'approval', max_choices: 2, points: null, min_age: null, require_verified_phone: false, allow_ballot_change: false, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projects: string[] = [];
  for (const cost of [600, 500, 300]) projects.push((await inNdar.insertInto('budget_projects', { round_id: round.id, title: `Projet ${cost}`, description: 'Test', estimated_cost: cost, feasibility: 'feasible' }).returning('id').executeTakeFirstOrThrow()).id);
  await inNdar.insertInto('budget_round_phases', { round_id: round.id, kind: 'voting', starts_at: new Date(Date.now() - hour), ends_at: new Date(Date.now() + 48 * hour) }).execute();
  return { id: round.id, projects };
}

describe('one voter, two server processes', () => {
  it('200 concurrent identical confirmations, 100 to each server: exactly one voter row and one ballot, every answer the same 303 (the duplicates wait, then replay)', async () => {
    expect(servers).toHaveLength(2);
    const round = await openRound();
    const user = await t.services.db.insertInto('users').values({ phone_e164: `+22178${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, email: null, display_name: 'Votant', neighbourhood: 'Sor', gender: 'female', age_band: '25-34' }).returning('id').executeTakeFirstOrThrow();
    const { token } = await createSession(t.services.db, { userId: user.id, kind: 'citizen', ip: null, userAgent: 'test' });
    const body = new URLSearchParams([['_csrf', testCsrfToken], ['_idempotency', randomUUID()], ['project', round.projects[0]!], ['project', round.projects[2]!]]).toString();
    const post = (origin: string) =>
      fetch(`${origin}/ndar-toute/budgets/${round.id}/vote/confirm`, { method: 'POST', redirect: 'manual', body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `palabre_csrf=${testCsrfToken}; ${sessionCookieName}=${token}` } }).then(async (r) => (await r.arrayBuffer(), r.status));

    const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => post(servers[i % 2]!.origin)));

    // The key, the ballot and the stored answer commit together: a duplicate never sees a half-done attempt.
    expect(statuses.filter((s) => s !== 303)).toEqual([]);
    const inNdar = scoped(t.services.db, ndarId);
    expect(await inNdar.selectFrom('budget_voters').select('voter_key').where('round_id', '=', round.id).execute()).toHaveLength(1);
    expect(await inNdar.selectFrom('budget_ballots').select('id').where('round_id', '=', round.id).execute()).toHaveLength(1);
  }, 120_000);
});
