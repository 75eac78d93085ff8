import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../platform/http/server.js';
import {
  buildRequest,
  knownFieldNames,
  markupPayloads,
  pathValue,
  postShape,
  queryShape,
  type Shape,
} from '../test-support/fuzz-requests.js';
import { inertnessProblems } from '../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * Fuzz suite over EVERY registered route (issue 12): generated hostile requests from four kinds of visitor.
 * Asserts no 5xx, no unescaped markup reflected in a page, and no row stored by a refused (4xx) request.
 * Seeded and short by default; PALABRE_FUZZ_RUNS=50 (cases per route and visitor) and PALABRE_FUZZ_SEED replay longer.
 */
const runs = Number(process.env.PALABRE_FUZZ_RUNS ?? 2);
const seed = Number(process.env.PALABRE_FUZZ_SEED ?? 20261123);
const routeCommune = 'ndar-toute';
const otherCommune = 'tiznit-el-jadida';

interface Visitor {
  name: string;
  key: string | null;
}

function visitorsFor(route: RegisteredRoute, index: number): Visitor[] {
  const ownStaff = route.url.includes(':commune') ? `${routeCommune}:${index % 2 ? 'staff' : 'admin'}` : 'platform-admin';
  return [
    { name: 'anonymous', key: null },
    { name: 'citizen', key: `${routeCommune}:citizen` },
    { name: 'own staff', key: ownStaff },
    { name: 'other commune staff', key: `${otherCommune}:admin` },
  ];
}

let t: TestApp;
const serverErrors: string[] = [];
const cookies = new Map<string | null, string>();
let fieldNames: string[];
let existingIds: string[];
let tables: string[];

/** Row counts of every table (sessions, rate-limit counters and caches aside: kept for any request), read in one query. */
async function rowCounts(): Promise<string> {
  const counts = sql.join(tables.map((table) => sql`(select count(*) from ${sql.table(table)})::text`), sql`|| ',' ||`);
  const result = await sql<{ counts: string }>`select ${counts} as counts`.execute(t.services.db);
  return result.rows[0]!.counts;
}

async function publicTables(): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
    and table_name not in ('sessions', 'rate_limit_hits', 'network_live_scorecards', 'kysely_migration', 'kysely_migration_lock') order by table_name`.execute(t.services.db);
  return result.rows.map((row) => row.table_name);
}

async function someIds(): Promise<string[]> {
  const result = await sql<{ id: string }>`select id::text as id from proposals limit 2`.execute(t.services.db).catch(() => ({ rows: [] }));
  return result.rows.map((row) => row.id);
}

function fillPath(url: string, commune: string, values: string[]): string {
  let index = 0;
  return url.replace(':commune', commune).replace(/:[A-Za-z]+/g, () => values[index++ % values.length]!).replace('*', 'fuzz');
}

function describeShape(shape: Shape | undefined): string {
  if (!shape) return 'GET';
  return shape.kind === 'multipart' ? `multipart/${shape.variant}` : shape.kind;
}

/**
 * Markup a payload made live: an event handler, a javascript: URL, an active element, or a payload's inline
 * script. A payload shown inside a quoted attribute value (an edit box keeping what was typed) is inert text.
 * Pages have no <svg>/<math> of a payload's making once handlers are gone; bidi isolation is the rendering suite's.
 */
function activeMarkup(html: string): string[] {
  const live = inertnessProblems(html).filter((problem) => !problem.startsWith('bidi') && !/^<(svg|math|script)> element$/.test(problem));
  const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((match) => match[1]!);
  if (inlineScripts.some((script) => markupPayloads.some((payload) => payload.includes(script.trim()) && script.trim() !== ''))) live.push('a payload’s inline script');
  return live;
}

/** What is wrong with one response, if anything. */
function problems(status: number, body: string, contentType: string, changed: boolean): string[] {
  const found: string[] = [];
  if (status >= 500) found.push(`status ${status}`);
  if (contentType.includes('html')) found.push(...activeMarkup(body));
  if (status >= 400 && status < 500 && changed) found.push(`rows stored by a refused request (${status})`);
  return found;
}

async function send(route: RegisteredRoute, visitor: Visitor, path: string, shape: Shape | undefined, query: Record<string, string>) {
  const built = shape ? buildRequest(shape) : undefined;
  const search = new URLSearchParams(query).toString();
  const extraQuery = [search, built?.query].filter(Boolean).join('&');
  const options: InjectOptions = {
    method: route.method as 'GET' | 'POST',
    url: extraQuery ? `${path}?${extraQuery}` : path,
    headers: { cookie: cookies.get(visitor.key)!, ...(built?.contentType ? { 'content-type': built.contentType } : {}) },
    ...(built?.payload !== undefined ? { payload: built.payload } : {}),
  };
  return t.app.inject(options);
}

beforeAll(async () => {
  // Every generated post must reach its route: the per-address limit (shared by all routes) must not answer first.
  t = await createTestApp({ env: { RATE_LIMIT_POST_PER_MINUTE: '100000000' }, logger: { level: 'error', stream: { write: (line: string) => serverErrors.push(line) } } });
  fieldNames = knownFieldNames();
  existingIds = await someIds();
  tables = await publicTables();
  for (const key of [null, 'platform-admin', `${routeCommune}:admin`, `${routeCommune}:staff`, `${routeCommune}:citizen`, `${otherCommune}:admin`]) {
    cookies.set(key, await t.cookiesFor(key));
  }
}, 120_000);
afterAll(() => t.close());

describe('hostile input on every registered route', () => {
  it('knows the form fields and the routes it fuzzes', () => {
    expect(fieldNames.length).toBeGreaterThan(50);
    expect(t.app.registeredRoutes.length).toBeGreaterThan(50);
  });

  it('never answers 5xx, never reflects markup unescaped, never stores on a refusal', async () => {
    const failures: string[] = [];
    const routes = t.app.registeredRoutes.filter((route) => route.method === 'GET' || route.method === 'POST');
    for (const [routeIndex, route] of routes.entries()) {
      const visitors = visitorsFor(route, routeIndex);
      const cases = fc.sample(
        fc.tuple(
          fc.array(pathValue(existingIds), { minLength: 4, maxLength: 4 }),
          route.method === 'POST' ? postShape(fieldNames, existingIds[0] ?? '') : fc.constant(undefined),
          queryShape(fieldNames),
        ),
        { seed: seed + routeIndex, numRuns: runs * visitors.length },
      );
      for (const [caseIndex, [pathValues, shape, query]] of cases.entries()) {
        const visitor = visitors[caseIndex % visitors.length]!;
        const path = fillPath(route.url, routeCommune, pathValues);
        const before = await rowCounts();
        serverErrors.length = 0;
        const response = await send(route, visitor, path, shape, route.method === 'GET' ? query : {});
        const changed = response.statusCode >= 400 && response.statusCode < 500 && (await rowCounts()) !== before;
        const found = problems(response.statusCode, response.body, String(response.headers['content-type'] ?? ''), changed);
        if (found.length) {
          const error = serverErrors.map((line) => (JSON.parse(line) as { err?: { message?: string } }).err?.message).filter(Boolean)[0] ?? '';
          failures.push(`${visitor.name} ${route.method} ${route.url} [${describeShape(shape)}] → ${found.join('; ')} ${error.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
