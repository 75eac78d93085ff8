import { randomBytes, randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import { openApprovalRound } from '../../src/test-support/raw-sql.js';
import { countOf, load, type Row, withClient } from './lib.js';

/**
 * The scenarios of the load benchmarks, shared by `bench/load/run.ts` (full) and `bench/load/check.ts` (CI):
 * what to request on the seeded database (bench/load/seed.ts), and how to check afterwards that every
 * acknowledged submission is stored exactly once.
 */

/** Addresses on the seeded database: the big commune (Ndar Toute) and a middle-sized one. */
export interface Targets {
  slug: string;
  consultationId: string;
  proposalId: string;
  roundId: string;
  complaintReference: string;
  middleSlug: string;
}

export async function findTargets(url: string): Promise<Targets> {
  return withClient(url, async (c) => {
    const big = (await c.query(`select b.slug, b.consultation_id, b.round_id from bench_load_communes b where idx = 0`)).rows[0];
    const proposal = (await c.query(`select id from proposals where consultation_id = $1 order by support_count desc, id limit 1`, [big.consultation_id])).rows[0];
    const complaint = (await c.query(`select r.reference from requests r join communes c on c.id = r.commune_id where c.slug = $1 and not r.is_private and r.kind = 'complaint' order by r.reference desc limit 1`, [big.slug])).rows[0];
    const middle = (await c.query(`select slug from bench_load_communes where idx = 10`)).rows[0];
    return { slug: big.slug, consultationId: big.consultation_id, proposalId: proposal.id, roundId: big.round_id, complaintReference: complaint.reference, middleSlug: middle.slug };
  });
}

/** The proposal list of the big consultation, most supported first, `pages` pages in (keyset links followed). */
export async function proposalListPage(base: string, t: Targets, pages: number): Promise<string> {
  let path = `/${t.slug}/consultations/${t.consultationId}?sort=supported`;
  for (let i = 1; i < pages; i++) {
    const html = await (await fetch(`${base}${path}`)).text();
    const next = /class="pagination"[^>]*><a href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    if (!next) break;
    path = next;
  }
  return path;
}

export async function browsingPages(base: string, t: Targets): Promise<[string, string][]> {
  return [
    ['network home', '/'],
    ['commune home', `/${t.slug}/`],
    ['proposal list, page 5 (most supported)', await proposalListPage(base, t, 5)],
    ['proposal detail', `/${t.slug}/proposals/${t.proposalId}`],
    ['complaint tracking', `/${t.slug}/requests/${t.complaintReference}`],
    ['budget round (results)', `/${t.slug}/budgets/${t.roundId}`],
  ];
}

export const openDataPaths = (t: Targets): [string, string][] => [
  ['CKAN package_search (network)', '/api/3/action/package_search?rows=10'],
  ['CKAN package_show', `/api/3/action/package_show?id=${t.slug}-requests-complaints`],
  ['CSV download (complaints, middle commune)', `/${t.middleSlug}/data/${t.middleSlug}-requests-complaints.csv`],
  ['DCAT catalogue (commune, Turtle)', `/${t.slug}/catalog.ttl`],
];

/** Loads each path alone, then all of them mixed (each connection cycles through the list). */
export async function loadPages(base: string, paths: [string, string][], connections: number, seconds: number, mixedSeconds: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, path] of paths) rows.push(await load({ name, url: `${base}${path}`, connections, seconds }));
  if (mixedSeconds > 0) rows.push(await load({ name: 'mixed (all of the above in turn)', url: base, connections, seconds: mixedSeconds, requests: paths.map(([, path]) => ({ method: 'GET', path })) }));
  return rows;
}

/** One session per seeded user (the token is a prefix plus the user's number; the table holds its SHA-256). */
export async function signInUsers(url: string, users: number): Promise<string> {
  const prefix = randomBytes(12).toString('base64url');
  await withClient(url, (c) =>
    c.query(
      `insert into sessions (id, user_id, kind, expires_at, user_agent)
       select encode(sha256(convert_to($2 || g, 'UTF8')), 'hex'), md5('load-user-' || g)::uuid, 'citizen', now() + interval '1 day', 'bench-load'
       from generate_series(1, $1::int) g`,
      [users, prefix],
    ),
  );
  return prefix;
}

export interface Submissions {
  /** Requests sent (each a different person). */
  sent: () => number;
  requests: autocannon.Request[];
  /** Rows stored by this run, counted in the database. */
  stored: () => Promise<number>;
}

const csrf = randomBytes(24).toString('base64url');
const cookies = (prefix: string, user: number) => `palabre_csrf=${csrf}; palabre_session=${prefix}${user}`;

/**
 * Ballots in a round of the big commune opened for this run (12 feasible projects, approval of 3): each
 * request the next voter, with their session, the CSRF cookie and field, and a fresh idempotency key.
 */
export async function ballotSubmissions(url: string, t: Targets, prefix: string, voters: number): Promise<Submissions> {
  const { roundId, projects } = await withClient(url, async (c) => {
    const commune = (await c.query<{ id: string }>(`select id from communes where slug = $1`, [t.slug])).rows[0]!.id;
    return openApprovalRound(c, commune, 'Vote de mesure', 12);
  });
  let next = 0;
  const path = `/${t.slug}/budgets/${roundId}/vote/confirm`;
  const setupRequest = (request: autocannon.Request) => {
    const n = next++;
    // Past the seeded voters a request would be a second ballot: the accounting then reports a mismatch.
    if (n === voters) console.error(`more ballots than the ${voters} seeded voters: lower BENCH_SECONDS or raise BENCH_SCALE`);
    const chosen = [0, 1, 2].map((k) => projects[(n + k * 5) % projects.length]!);
    const body = new URLSearchParams([['_csrf', csrf], ['_idempotency', randomUUID()], ...chosen.map((id): [string, string] => ['project', id])]).toString();
    return { ...request, method: 'POST' as const, path, body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(prefix, (n % voters) + 1) } };
  };
  return {
    sent: () => next,
    requests: [{ setupRequest }],
    stored: () => countOf(url, 'select count(*) as n from budget_ballots where round_id = $1', [roundId]),
  };
}

/** Complaints through the real form (multipart; its CSRF token rides in the action URL, as the page's form sends it), each by another signed-in citizen, counted by a run marker. */
export async function complaintSubmissions(url: string, t: Targets, prefix: string, users: number, firstUser: number): Promise<Submissions> {
  const category = await withClient(url, async (c) => (await c.query<{ id: string }>(`select k.id from request_categories k join communes c on c.id = k.commune_id where c.slug = $1 and k.code = 'water'`, [t.slug])).rows[0]!.id);
  const marker = `charge-${randomBytes(6).toString('hex')}`;
  const boundary = `----palabre${randomBytes(8).toString('hex')}`;
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  let next = 0;
  const setupRequest = (request: autocannon.Request) => {
    const n = next++;
    // Past the last user, the first ones file again (the form allows 10 complaints per person in 10 minutes).
    const user = firstUser + (n % (users - firstUser + 1));
    const body = `${part('category', category)}${part('description', `La borne-fontaine est en panne (${marker} ${n}).`)}${part('neighbourhood', '')}--${boundary}--\r\n`;
    return { ...request, method: 'POST' as const, path: `/${t.slug}/requests/new?_csrf=${csrf}`, body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookies(prefix, user) } };
  };
  return {
    sent: () => next,
    requests: [{ setupRequest }],
    stored: () => countOf(url, `select count(*) as n from requests where description like $1`, [`%(${marker} %`]),
  };
}

export interface Accounting {
  sent: number;
  acknowledged: number;
  stored: number;
  /** Every acknowledged submission is stored; the only extra rows are requests still in flight when the load stopped. */
  ok: boolean;
}

/**
 * Acknowledged (the success status) against stored rows. autocannon stops with up to one request in flight per
 * connection: those may be stored without their answer being read, never more.
 */
export async function account(submissions: Submissions, rows: Row[], success: number, connections: number): Promise<Accounting> {
  const acknowledged = rows.reduce((sum, r) => sum + (r.statuses[success] ?? 0), 0);
  const stored = await submissions.stored();
  const unexpected = rows.reduce((sum, r) => sum + r.non2xx - Object.entries(r.statuses).filter(([code]) => Number(code) === 503).reduce((s, [, n]) => s + n, 0), 0);
  const ok = stored >= acknowledged && stored - acknowledged <= connections && stored <= submissions.sent() && unexpected === 0;
  return { sent: submissions.sent(), acknowledged, stored, ok };
}
