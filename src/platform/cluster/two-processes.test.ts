import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoped as budgetsIn } from '../../modules/budgeting/queries/budget-queries.js';
import { openVotingRound } from '../../modules/budgeting/voting/test-round.js';
import { scoped as participationIn } from '../../modules/participation/queries/participation-queries.js';
import { createSession, sessionCookieName } from '../auth/session-store.js';
import { type AppServer, serversOnOneDatabase } from '../../test-support/app-servers.js';
import { type TestApp, testCsrfToken } from '../../test-support/test-app.js';

// Issue 12: two app servers on one database behave as one. On PostgreSQL (npm run test:pg) they are two
// child processes, so only what lives in the database is shared; on PGlite, two app instances in this
// process over one handle (each with its own plugins, so a per-instance memory store would still show).
const secret = 'two-processes-secret-two-processes-secret';
const cluster = serversOnOneDatabase(2, secret);
let t: TestApp;
let ndarId: string;
let servers: AppServer[];
const csrfCookie = `palabre_csrf=${testCsrfToken}`;

beforeAll(async () => {
  [t, servers] = [cluster.app(), cluster.servers()];
  ndarId = await t.communeId('ndar-toute');
});

interface Answer {
  status: number;
  location: string | null;
  replayed: boolean;
  cookies: string[];
  body: string;
}

async function send(server: AppServer, path: string, options: { form?: [string, string][]; cookie?: string } = {}): Promise<Answer> {
  const cookie = [csrfCookie, options.cookie].filter(Boolean).join('; ');
  const init: RequestInit = options.form
    ? { method: 'POST', body: new URLSearchParams([['_csrf', testCsrfToken], ...options.form]).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } }
    : { headers: { cookie } };
  const response = await fetch(`${server.origin}${path}`, { ...init, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), replayed: response.headers.get('idempotent-replayed') === 'true', cookies: response.headers.getSetCookie(), body: await response.text() };
}

/** The server taking request number `i`: requests alternate, so every race spans both. */
const serverFor = (i: number) => servers[i % servers.length]!;

async function citizens(count: number): Promise<{ id: string; cookie: string }[]> {
  const people = [];
  for (let i = 0; i < count; i++) {
    const user = await t.services.db.insertInto('users').values({ phone_e164: `+22177${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, email: null, display_name: `Citoyen ${i}`, neighbourhood: 'Sor', gender: 'female', age_band: '25-34' }).returning('id').executeTakeFirstOrThrow();
    const { token } = await createSession(t.services.db, { userId: user.id, kind: 'citizen', ip: null, userAgent: 'test' });
    people.push({ id: user.id, cookie: `${sessionCookieName}=${token}` });
  }
  return people;
}

describe('two app servers on one database', () => {
  it('keep one ballot per person under concurrent submissions to both, and replay a confirmed key on either with the stored answer', async () => {
    const round = await openVotingRound(t.services.db, ndarId);
    const voters = await citizens(8);
    const choice: [string, string][] = [['project', round.projects[0]!], ['project', round.projects[2]!]];
    const attempts = voters.flatMap((voter) => Array.from({ length: 6 }, () => ({ voter, key: randomUUID() })));
    const answers = await Promise.all(attempts.map(({ voter, key }, i) => send(serverFor(i), `/ndar-toute/budgets/${round.id}/vote/confirm`, { cookie: voter.cookie, form: [['_idempotency', key], ...choice] })));

    expect(answers.map((a) => a.status).filter((s) => s !== 303 && s !== 409)).toEqual([]);
    const ballots = await budgetsIn(t.services.db, ndarId).selectFrom('budget_ballots').select('id').where('round_id', '=', round.id).execute();
    expect(ballots).toHaveLength(voters.length);
    const voterRows = await budgetsIn(t.services.db, ndarId).selectFrom('budget_voters').select('voter_key').where('round_id', '=', round.id).execute();
    expect(voterRows).toHaveLength(voters.length);

    // Each voter's accepted key, sent again to both servers: the stored answer, not a second run.
    for (const voter of voters) {
      const accepted = attempts.findIndex((a, i) => a.voter === voter && answers[i]!.status === 303);
      expect(accepted).toBeGreaterThanOrEqual(0);
      const replays = await Promise.all(servers.map((server) => send(server, `/ndar-toute/budgets/${round.id}/vote/confirm`, { cookie: voter.cookie, form: [['_idempotency', attempts[accepted]!.key], ...choice] })));
      expect(replays.map((r) => [r.status, r.replayed, r.location])).toEqual(servers.map(() => [303, true, answers[accepted]!.location]));
    }
    expect(await budgetsIn(t.services.db, ndarId).selectFrom('budget_ballots').select('id').where('round_id', '=', round.id).execute()).toHaveLength(voters.length);
  }, 120_000);

  it('keep one support per person under concurrent supports sent to both, and the counter equal to the rows', async () => {
    const consultation = await participationIn(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow();
    const proposal = await participationIn(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultation.id).orderBy('created_at').executeTakeFirstOrThrow();
    const supportRows = () => participationIn(t.services.db, ndarId).selectFrom('proposal_supports').select('user_id').where('proposal_id', '=', proposal.id).execute();
    const before = (await supportRows()).length;
    const people = await citizens(8);

    const answers = await Promise.all(people.flatMap((person) => Array.from({ length: 6 }, () => person)).map((person, i) => send(serverFor(i), `/ndar-toute/proposals/${proposal.id}/support`, { cookie: person.cookie, form: [] })));

    expect(answers.map((a) => a.status).filter((s) => s !== 303)).toEqual([]);
    const rows = await supportRows();
    expect(rows).toHaveLength(before + people.length);
    for (const person of people) expect(rows.filter((r) => r.user_id === person.id)).toHaveLength(1);
    const counter = await participationIn(t.services.db, ndarId).selectFrom('proposals').select('support_count').where('id', '=', proposal.id).executeTakeFirstOrThrow();
    expect(counter.support_count).toBe(rows.length);
  }, 120_000);

  it('accept a session opened on one server on the other: sign in on the first, enter the code on the second', async () => {
    const phone = `+22176${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await t.services.db.insertInto('users').values({ phone_e164: phone, email: null, display_name: 'Aïssatou Ndiaye', neighbourhood: 'Sor', gender: 'female', age_band: '35-44' }).execute();
    const asked = await send(servers[0]!, '/sign-in', { form: [['identifier', phone], ['commune', 'ndar-toute'], ['return', '/account']] });
    expect(asked.status).toBe(303);
    const pending = asked.cookies.map((c) => c.split(';')[0]!).join('; ');
    const outbox = await t.services.db.selectFrom('outbox_messages').select('body').where('recipient', '=', phone).where('purpose', '=', 'otp').executeTakeFirstOrThrow();
    const code = /\d{6}/.exec(outbox.body)![0];

    const signedIn = await send(servers[1]!, '/sign-in/code', { cookie: pending, form: [['code', code]] });
    expect(signedIn.status).toBe(303);
    const session = signedIn.cookies.find((c) => c.startsWith(`${sessionCookieName}=`))!.split(';')[0]!;

    for (const server of servers) {
      const account = await send(server, '/account', { cookie: session });
      expect(account.status).toBe(200);
      expect(account.body).toContain('Aïssatou Ndiaye');
    }
  }, 60_000);

  it('share the rate limit: posts split across both servers stop at the one limit (10 code attempts a minute per address)', async () => {
    const answers = [];
    for (let i = 0; i < 16; i++) answers.push(await send(serverFor(i), '/sign-in/code', { form: [['code', '000000']] }));
    const limited = answers.filter((a) => a.status === 429).length;
    // The sign-in test above used one attempt of this minute; a per-process memory store would allow 10 on each server.
    expect(16 - limited).toBeLessThanOrEqual(10);
    expect(limited).toBeGreaterThanOrEqual(6);
    expect(answers.slice(-2).map((a) => a.status)).toEqual([429, 429]);
  }, 60_000);
});
