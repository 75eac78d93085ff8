// `npm run crash-test [-- --submissions 1000]`: the durability drill of issue 12 (docs/backup.md).
// Starts the app (src/main.ts) as a child process on a fresh database of DATABASE_URL's server, sends N submissions
// (supports, ballots and complaints, one per person; ballots and complaints carry idempotency keys) from concurrent
// clients that resend until answered and record what was acknowledged, `kill -9`s the app at random moments and
// restarts it, then in a second phase restarts PostgreSQL (scripts/pg-local.sh restart, or CRASH_PG_RESTART=<command>).
// Then checks that every submission was acknowledged and is stored exactly once, and that nothing is stored twice;
// exits 1 when an invariant breaks.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sessionCookieName } from '../src/platform/auth/session-store.js';
import { csrfCookieName } from '../src/platform/http/csrf.js';
import { openApprovalRound, sessionsForPhones, withClient } from '../src/test-support/raw-sql.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('crash-test needs PostgreSQL: DATABASE_URL of a server whose role may CREATEDB (eval "$(scripts/pg-local.sh)" starts one).');
  process.exit(2);
}
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const total = Number(argument('--submissions') ?? process.env.CRASH_SUBMISSIONS ?? 1000);
const concurrency = Number(process.env.CRASH_CONCURRENCY ?? 12);
const port = Number(process.env.CRASH_PORT ?? 3000 + Math.floor(Math.random() * 2000) + 20_000);
const slug = 'ndar-toute';
const csrf = randomBytes(24).toString('base64url');
const tokenPrefix = randomBytes(16).toString('base64url');
const runId = randomBytes(4).toString('hex');
const log = (message: string) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const startedAt = Date.now();

type Kind = 'support' | 'ballot' | 'complaint';
interface Submission {
  n: number;
  kind: Kind;
  /** The idempotency key (ballots, complaints): every resend of the submission carries the same one. */
  key: string;
  acknowledged: boolean;
  /** The reference the app answered with (complaints). */
  reference?: string;
  attempts: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (low: number, high: number) => low + Math.random() * (high - low);

// ---------------------------------------------------------------- the app as a child process

const dataDir = mkdtempSync(join(tmpdir(), 'palabre-crash-'));
const databaseName = `palabre_crash_${runId}`;
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
let app: ChildProcess | null = null;
let restarts = 0;

function startApp(): ChildProcess {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'fatal',
    // Stable across restarts: sealed ballot references are derived from it.
    SESSION_SECRET: 'crash-test-session-secret-0123456789abcdef',
    RATE_LIMIT_POST_PER_MINUTE: '100000000',
  };
  // node itself (not the tsx wrapper), so that kill -9 hits the process that serves.
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitUntilServing(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the app did not start within 60 s');
}

/** Times the app ended on its own (a bug: e.g. a database restart must not end the process). */
let unexpectedExits = 0;
let stopping = false;

async function launch(): Promise<void> {
  const child = startApp();
  app = child;
  // Like a process manager (systemd Restart=always), start it again, but count it: the check fails on it.
  child.once('exit', () => {
    if (app !== child || stopping) return;
    unexpectedExits++;
    log('the app ended on its own: restarting it');
    void launch();
  });
  await waitUntilServing();
}

async function crashApp(): Promise<void> {
  const child = app!;
  app = null;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  restarts++;
}

// Asynchronous, so that the clients keep sending (and failing) while the server is down.
async function restartPostgres(): Promise<void> {
  const command = process.env.CRASH_PG_RESTART;
  if (command) await promisify(execFile)('sh', ['-c', command]);
  else await promisify(execFile)('scripts/pg-local.sh', ['restart'], { env: { ...process.env, PGPORT: new URL(serverUrl!).port || '5432' } });
}

// ---------------------------------------------------------------- the data the clients need

interface Fixture {
  roundId: string;
  projects: string[];
  proposals: string[];
  categoryId: string;
}

/** N people with sessions, a budget round open for voting, and the proposals a probe could support. */
async function seed(): Promise<Fixture> {
  return withClient(databaseUrl, async (client) => {
    await client.query(
      `insert into users (phone_e164, display_name, neighbourhood) select '+22170' || lpad(g::text, 7, '0'), 'Crash ' || g, 'Sor' from generate_series(0, $1::int) g`,
      [total],
    );
    await sessionsForPhones(client, { phonePrefix: '+22170', first: 0, last: total, tokenPrefix, agent: 'crash-test' });
    const commune = (await client.query<{ id: string }>('select id from communes where slug = $1', [slug])).rows[0]!.id;
    const { roundId, projects } = await openApprovalRound(client, commune, 'Tour du test de panne', 6);
    const candidates = (
      await client.query<{ id: string }>('select id from proposals where commune_id = $1 and hidden_at is null and merged_into_id is null order by id', [commune])
    ).rows.map((row) => row.id);
    const categoryId = (
      await client.query<{ id: string }>('select id from request_categories where commune_id = $1 and active and not sensitive order by position limit 1', [commune])
    ).rows[0]!.id;
    // Person 0 probes which proposals take supports now (their consultation's phase allows it).
    const proposals: string[] = [];
    for (const id of candidates) if ((await supportRequest(0, id)).status === 303) proposals.push(id);
    if (proposals.length === 0) throw new Error(`no proposal of ${slug} accepts supports now`);
    return { roundId, projects, proposals, categoryId };
  });
}

// ---------------------------------------------------------------- one submission

const cookie = (person: number) => `${csrfCookieName}=${csrf}; ${sessionCookieName}=${tokenPrefix}${person}`;
const base = () => `http://127.0.0.1:${port}/${slug}`;

/** What the clients met, for the report: HTTP statuses and network errors by kind of submission. */
const seen = new Map<string, number>();
const note = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

async function post(path: string, person: number, body: URLSearchParams | FormData): Promise<Response> {
  const kind = path.split('/')[1];
  try {
    const response = await fetch(`${base()}${path}`, { method: 'POST', body, redirect: 'manual', headers: { cookie: cookie(person) }, signal: AbortSignal.timeout(15_000) });
    note(`${kind} ${response.status}${response.headers.get('idempotent-replayed') ? ' replayed' : ''}`);
    return response;
  } catch (error) {
    note(`${kind} ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`);
    throw error;
  }
}

function supportRequest(person: number, proposalId: string): Promise<Response> {
  return post(`/proposals/${proposalId}/support`, person, new URLSearchParams({ _csrf: csrf }));
}

/** Answers that must not happen: the report lists them (e.g. a resend refused as "already voted"). */
const refusals: string[] = [];

/** A 409 that only means "the first attempt with this key is still running": resend later. */
const stillRunning = (status: number, page: string) => status === 409 && page.includes('REQUEST_IN_PROGRESS');

/** One attempt; true when acknowledged, false to try again, null to stop trying (the outcome is unknown). */
async function attempt(submission: Submission, fixture: Fixture): Promise<boolean | null> {
  const person = submission.n + 1;
  try {
    if (submission.kind === 'support') {
      // Supports are one per person and proposal: resending is always safe.
      return (await supportRequest(person, fixture.proposals[submission.n % fixture.proposals.length]!)).status === 303;
    }
    if (submission.kind === 'ballot') {
      const chosen = [0, 1, 2].map((k) => fixture.projects[(submission.n + k) % fixture.projects.length]!);
      const body = new URLSearchParams([['_csrf', csrf], ['_idempotency', submission.key], ...chosen.map((id): [string, string] => ['project', id])]);
      const response = await post(`/budgets/${fixture.roundId}/vote/confirm`, person, body);
      return answered(submission, response.status, await response.text(), 303);
    }
    const form = new FormData();
    form.set('_idempotency', submission.key);
    form.set('category', fixture.categoryId);
    form.set('description', `Fuite d'eau signalée pendant le test de panne (personne ${person}).`);
    const response = await post(`/requests/new?_csrf=${csrf}`, person, form);
    const page = await response.text();
    const outcome = answered(submission, response.status, page, 201);
    if (outcome) submission.reference = /PL-\d{4}-\d{5,}/.exec(page)?.[0];
    return outcome;
  } catch {
    // Lost on the way (app killed, connection reset): the same key makes resending safe whatever happened.
    return false;
  }
}

/**
 * An idempotent submission's answer: the expected status acknowledges it (first run or replay), a 5xx or
 * "still running" asks for a resend, anything else is a refusal the drill reports (the outcome is then unknown).
 */
function answered(submission: Submission, status: number, page: string, expected: number): boolean | null {
  if (status === expected) return true;
  if (status >= 500 || stillRunning(status, page)) return false;
  refusals.push(`${submission.kind} #${submission.n}: answered ${status} on attempt ${submission.attempts}`);
  return null;
}

async function submit(submission: Submission, fixture: Fixture): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    submission.attempts++;
    const outcome = await attempt(submission, fixture);
    if (outcome !== false) {
      submission.acknowledged = outcome === true;
      return;
    }
    await sleep(randomBetween(50, 300));
  }
}

/**
 * Sends the submissions from concurrent clients and runs `disrupt` `times` times at random moments meanwhile.
 * The clients go at most one slice ahead of the disruptions, so that every disruption meets requests in flight
 * however fast the machine is.
 */
async function under(disrupt: () => Promise<void>, times: number, submissions: Submission[], fixture: Fixture): Promise<number> {
  let disruptions = 0;
  let done = false;
  let next = 0;
  const slice = Math.ceil(submissions.length / (times + 1));
  const allowed = () => (disruptions >= times ? submissions.length : (disruptions + 1) * slice);
  const worker = async () => {
    while (next < submissions.length) {
      if (next >= allowed()) await sleep(20);
      else await submit(submissions[next++]!, fixture);
    }
  };
  const sending = Promise.all(Array.from({ length: concurrency }, worker)).finally(() => (done = true));
  while (!done && disruptions < times) {
    await sleep(randomBetween(50, 400));
    await disrupt();
    disruptions++;
  }
  await sending;
  return disruptions;
}

// ---------------------------------------------------------------- the checks

async function check(submissions: Submission[], fixture: Fixture): Promise<string[]> {
  return withClient(databaseUrl, async (client) => {
    const problems: string[] = [];
    const personId = async (n: number) =>
      (await client.query<{ id: string }>("select id from users where phone_e164 = '+22170' || lpad($1::text, 7, '0')", [n + 1])).rows[0]!.id;
    for (const s of submissions) {
      const userId = await personId(s.n);
      if (s.kind === 'support') {
        const proposalId = fixture.proposals[s.n % fixture.proposals.length]!;
        const { rows } = await client.query<{ n: number }>('select count(*)::int as n from proposal_supports where proposal_id = $1 and user_id = $2', [proposalId, userId]);
        if (s.acknowledged && rows[0]!.n !== 1) problems.push(`support #${s.n}: acknowledged but stored ${rows[0]!.n} times`);
        if (rows[0]!.n > 1) problems.push(`support #${s.n}: stored ${rows[0]!.n} times`);
      } else if (s.kind === 'ballot') {
        const { rows } = await client.query<{ n: number }>('select count(*)::int as n from budget_voters where round_id = $1 and voter_key = $2', [fixture.roundId, `user:${userId}`]);
        if (s.acknowledged && rows[0]!.n !== 1) problems.push(`ballot #${s.n}: acknowledged but the voter is recorded ${rows[0]!.n} times`);
      } else {
        // One complaint per person in the drill: the reporter's account finds it, whatever its text.
        const { rows } = await client.query<{ reference: string }>("select reference from requests where kind = 'complaint' and reporter_user_id = $1", [userId]);
        if (rows.length > 1) problems.push(`complaint #${s.n}: stored ${rows.length} times`);
        if (s.acknowledged && rows.length !== 1) problems.push(`complaint #${s.n}: acknowledged but stored ${rows.length} times`);
        if (s.acknowledged && rows[0] && rows[0].reference !== s.reference) problems.push(`complaint #${s.n}: acknowledged as ${s.reference}, stored as ${rows[0].reference}`);
      }
    }
    // Ballots are secret (no link to the voter): one ballot per recorded voter, none more.
    const tally = await client.query<{ voters: number; ballots: number }>(
      'select (select count(*)::int from budget_voters where round_id = $1) as voters, (select count(*)::int from budget_ballots where round_id = $1) as ballots',
      [fixture.roundId],
    );
    const { voters, ballots } = tally.rows[0]!;
    if (voters !== ballots) problems.push(`budget round: ${voters} voters but ${ballots} ballots`);
    const counters = await client.query<{ id: string }>(
      'select id from proposals p where support_count <> (select count(*) from proposal_supports s where s.proposal_id = p.id)',
    );
    for (const row of counters.rows) problems.push(`proposal ${row.id}: support_count differs from its supports`);
    // Every kind is safe to resend, so every submission must end acknowledged.
    const unanswered = submissions.filter((s) => !s.acknowledged);
    if (unanswered.length > 0) problems.push(`${unanswered.length} submission(s) never acknowledged: ${unanswered.slice(0, 10).map((s) => `${s.kind} #${s.n}`).join(', ')}`);
    problems.push(...refusals);
    if (unexpectedExits > 0) problems.push(`the app ended on its own ${unexpectedExits} time(s) (see its output above)`);
    return problems;
  });
}

// ---------------------------------------------------------------- the drill

const kinds: Kind[] = ['support', 'ballot', 'complaint'];
const submissions: Submission[] = Array.from({ length: total }, (_, n) => ({ n, kind: kinds[n % 3]!, key: `${runId}-${n}-${randomUUID()}`, acknowledged: false, attempts: 0 }));
let exitCode = 1;
await withClient(serverUrl, (client) => client.query(`create database ${databaseName}`));
try {
  log(`database ${databaseName}; starting the app (migrations and demo seed on first start)`);
  await launch();
  const fixture = await seed();
  log(`${total} people with sessions, a voting round, ${fixture.proposals.length} proposal(s) open for supports`);
  const split = Math.ceil(total * 0.6);
  const kills = await under(
    async () => {
      await crashApp();
      await launch();
    },
    Math.max(3, Math.ceil(total / 100)),
    submissions.slice(0, split),
    fixture,
  );
  log(`phase 1: ${split} submissions, app killed with SIGKILL and restarted ${kills} time(s)`);
  const pgRestarts = await under(restartPostgres, Math.max(2, Math.ceil(total / 250)), submissions.slice(split), fixture);
  log(`phase 2: ${total - split} submissions, PostgreSQL restarted ${pgRestarts} time(s)`);
  const acknowledged = submissions.filter((s) => s.acknowledged).length;
  const resent = submissions.filter((s) => s.attempts > 1).length;
  const problems = await check(submissions, fixture);
  const byKind = kinds.map((kind) => `${kind}s ${submissions.filter((s) => s.kind === kind && s.acknowledged).length}/${submissions.filter((s) => s.kind === kind).length}`).join(', ');
  log(`acknowledged ${acknowledged}/${total} (${byKind}); ${resent} resent at least once; app restarts ${restarts}`);
  log(`answers met: ${[...seen].sort().map(([what, n]) => `${what} ×${n}`).join(', ')}`);
  if (problems.length) {
    console.error(`crash test FAILED: ${problems.length} problem(s)\n${problems.slice(0, 50).map((p) => `  - ${p}`).join('\n')}`);
  } else {
    log('crash test OK: every submission acknowledged and stored exactly once, nothing duplicated');
    exitCode = 0;
  }
} catch (error) {
  console.error(`crash test FAILED to run: ${(error as Error).stack ?? String(error)}`);
} finally {
  stopping = true;
  (app as ChildProcess | null)?.kill('SIGKILL');
  await sleep(300);
  await withClient(serverUrl, (client) => client.query(`drop database if exists ${databaseName} with (force)`)).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
