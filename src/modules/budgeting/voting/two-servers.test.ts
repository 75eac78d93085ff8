import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../../platform/auth/session-store.js';
import { type AppServer, serversOnOneDatabase } from '../../../test-support/app-servers.js';
import { type TestApp, testCsrfToken } from '../../../test-support/test-app.js';
import { scoped } from '../queries/budget-queries.js';
import { openVotingRound } from './test-round.js';

// Issue 5: one voter's 200 identical confirmations spread over two real HTTP servers. On PostgreSQL
// (npm run test:pg) the servers are two child processes on the test database, so only the database
// can keep the ballot unique; on PGlite, which one process owns, two app instances share the handle.
const secret = 'two-servers-secret-two-servers-secret';
const cluster = serversOnOneDatabase(2, secret);
let t: TestApp;
let ndarId: string;
let servers: AppServer[];

beforeAll(async () => {
  [t, servers] = [cluster.app(), cluster.servers()];
  ndarId = await t.communeId('ndar-toute');
});

describe('one voter, two server processes', () => {
  it('200 concurrent identical confirmations, 100 to each server: exactly one voter row and one ballot, every answer the same 303 (the duplicates wait, then replay)', async () => {
    expect(servers).toHaveLength(2);
    const round = await openVotingRound(t.services.db, ndarId);
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
