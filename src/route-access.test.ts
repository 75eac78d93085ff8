import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from './platform/http/server.js';
import { decisionsHeader } from './platform/permissions/decisions.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/**
 * Table-driven authorisation test over EVERY registered route: staff and administrators of one
 * commune must not read or change anything private of another. A new route is covered automatically.
 */
let t: TestApp;
let victimIds: string[];

const victim = 'ndar-toute';
const attackerCommune = 'tiznit-el-jadida';
const attackers = [`${attackerCommune}:admin`, `${attackerCommune}:staff`, `${attackerCommune}:mediator`, `${attackerCommune}:moderator`, `${attackerCommune}:citizen`];

async function communeScopedTables(): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.columns i on i.table_name = c.table_name and i.table_schema = c.table_schema and i.column_name = 'id'
    where c.column_name = 'commune_id' and c.table_schema = 'public' and c.table_name <> 'audit_log'
    order by c.table_name`.execute(t.services.db);
  return result.rows.map((row) => row.table_name);
}

/** A fingerprint of everything the victim commune owns, to prove nothing changed. */
async function victimFingerprint(communeId: string): Promise<string> {
  const parts: string[] = [];
  for (const table of await communeScopedTables()) {
    const rows = await sql<{ row: unknown }>`select to_jsonb(x) as row from ${sql.table(table)} x where commune_id = ${communeId} order by id`.execute(t.services.db);
    parts.push(`${table}:${JSON.stringify(rows.rows)}`);
  }
  const commune = await t.services.db.selectFrom('communes').selectAll().where('id', '=', communeId).executeTakeFirst();
  return JSON.stringify(commune) + parts.join('\n');
}

// Two rows per table show a route scopes that table; more multiply the requests (routes × ids) for no new case.
async function victimRowIds(communeId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const table of await communeScopedTables()) {
    const rows = await sql<{ id: string }>`select id::text as id from ${sql.table(table)} where commune_id = ${communeId} order by id limit 2`.execute(t.services.db);
    ids.push(...rows.rows.map((row) => row.id));
  }
  return ids;
}

function fill(url: string, commune: string, id: string): string {
  return url.replace(':commune', commune).replace(/:[A-Za-z]+/g, id);
}

beforeAll(async () => {
  // Thousands of posts from one address within a minute: the shared per-address limit would answer them instead of the routes.
  t = await createTestApp({ env: { RATE_LIMIT_POST_PER_MINUTE: '100000000' } });
  victimIds = await victimRowIds(await t.communeId(victim));
});
afterAll(() => t.close());

describe('route access declarations', () => {
  it('every route declares who may reach it, and no back-office route is public', () => {
    expect(t.app.registeredRoutes.length).toBeGreaterThan(5);
    for (const route of t.app.registeredRoutes) {
      if (route.url.includes('/admin')) expect(route.access, `${route.method} ${route.url}`).not.toBe('public');
    }
  });

  it('refuses to register a route without an access rule', async () => {
    const { createApp } = await import('./app.js');
    const { loadConfig } = await import('./platform/config/config.js');
    const { createTestDatabase } = await import('./test-support/test-database.js');
    const badModule = {
      id: 'bad',
      migrations: {},
      i18n: { fr: {}, en: {}, pt: {}, ar: {} },
      networkRoutes: async (app: import('fastify').FastifyInstance) => {
        app.get('/oops', async () => 'no access declared');
      },
    };
    const database = await createTestDatabase();
    await expect(createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, modules: [badModule] })).rejects.toThrow(
      /declares no config.access/,
    );
    await database.close();
  });
});

describe('cross-commune access: staff of one commune against another', () => {
  it('every non-public commune route refuses the other commune’s staff and changes nothing', async () => {
    const victimId = await t.communeId(victim);
    const before = await victimFingerprint(victimId);
    // Back-office routes (commune roles) are private to their commune; 'signed-in' routes are the public
    // participation any account may take part in, so they are not part of this table.
    const communeRoutes = t.app.registeredRoutes.filter((r) => r.url.includes(':commune') && typeof r.access === 'object');
    expect(communeRoutes.length).toBeGreaterThan(0);
    for (const route of communeRoutes) {
      for (const attacker of attackers) {
        const response = await t.request(attacker, route.method as 'GET' | 'POST', fill(route.url, victim, victimIds[0] ?? '00000000-0000-4000-8000-000000000000'), route.method === 'GET' ? undefined : {});
        expect([401, 403, 404, 303].includes(response.statusCode) && response.statusCode !== 200, `${attacker} ${route.method} ${route.url} → ${response.statusCode}`).toBe(true);
        if (response.statusCode === 303) expect(response.headers.location).toMatch(/^\/sign-in/);
      }
    }
    expect(await victimFingerprint(victimId)).toBe(before);
  }, 300_000);

  // Every route with an id × every victim id, one request (and session) each: over 30 s on a busy machine.
  it('the victim’s resource ids used through the attacker’s own commune are not found, and nothing changes', async () => {
    const victimId = await t.communeId(victim);
    const before = await victimFingerprint(victimId);
    const routesWithIds = t.app.registeredRoutes.filter(
      (r) => r.url.includes(':commune') && /:(?!commune)[A-Za-z]+/.test(r.url) && r.access !== 'public',
    );
    // One session for the whole table: a session per request would double its cost.
    const asAttacker = { headers: { cookie: await t.cookiesFor(`${attackerCommune}:admin`) } };
    for (const route of routesWithIds) {
      for (const id of victimIds) {
        const response = await t.request(null, route.method as 'GET' | 'POST', fill(route.url, attackerCommune, id), route.method === 'GET' ? undefined : {}, asAttacker);
        expect(response.statusCode, `${route.method} ${fill(route.url, attackerCommune, id)}`).not.toBe(200);
        expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
      }
    }
    expect(await victimFingerprint(victimId)).toBe(before);
  }, 420_000);

  it('public routes never expose the other commune’s unpublished rows by id', async () => {
    const publicWithIds = t.app.registeredRoutes.filter(
      (r) => r.method === 'GET' && r.url.includes(':commune') && /:(?!commune)[A-Za-z]+/.test(r.url) && r.access === 'public',
    );
    for (const route of publicWithIds) {
      for (const id of victimIds) {
        const response = await t.request(null, 'GET', fill(route.url, attackerCommune, id));
        expect(response.statusCode, `GET ${fill(route.url, attackerCommune, id)}`).not.toBe(200);
      }
    }
  }, 300_000);
});

const unknownId = '00000000-0000-4000-8000-000000000000';
const isRoleGated = (route: RegisteredRoute) => typeof route.access === 'object' || route.access === 'platform-admin';

/** The checks a request ran (src/platform/permissions/decisions.ts); absent when it was refused before the handler stage. */
function checksOf(response: { headers: Record<string, unknown> }): string {
  return String(response.headers[decisionsHeader] ?? '');
}

function send(key: string | null, route: RegisteredRoute, commune: string, id: string) {
  return t.request(key, route.method as 'GET' | 'POST', fill(route.url, commune, id), route.method === 'GET' ? undefined : {});
}

describe('authorisation matrix: role × commune × resource state, generated from the registered routes', () => {
  // A state-changing route must decide who may act: its role gate (config.access with roles), a policy rule asked
  // while it runs (recorded by the policy object), or a declared reason it needs none (config.policy).
  it('every state-changing route is role-gated, asks a policy rule, or declares why it needs none', async () => {
    const undecided: string[] = [];
    for (const route of t.app.registeredRoutes.filter((r) => r.method !== 'GET')) {
      if (route.policy) continue;
      const response = await send(isRoleGated(route) ? 'platform-admin' : `${victim}:citizen`, route, victim, unknownId);
      const checks = checksOf(response);
      if (!/(^| )(access|policy):/.test(checks)) undecided.push(`${route.method} ${route.url} → ${response.statusCode}, checks: ${checks || 'no handler stage'}`);
    }
    expect(undecided).toEqual([]);
  });

  it('the policy record is per request and names the rule asked', async () => {
    const exchange = await t.request(`${victim}:citizen`, 'POST', '/network/exchange', {});
    expect(checksOf(exchange)).toContain('policy:network.exchange.take_part');
    const staffPage = await t.request(`${victim}:admin`, 'GET', `/${victim}/admin`);
    expect(checksOf(staffPage)).toBe('access:commune-roles');
    expect(checksOf(await t.request(null, 'GET', '/'))).toBe('none');
  });

  const roles: { key: string | null; role: string }[] = [
    { key: null, role: 'anonymous' },
    { key: `${victim}:citizen`, role: 'citizen' },
    { key: `${victim}:moderator`, role: 'moderator' },
    { key: `${victim}:mediator`, role: 'mediator' },
    { key: `${victim}:staff`, role: 'staff' },
    { key: `${victim}:admin`, role: 'admin' },
    { key: 'platform-admin', role: 'platform-admin' },
  ];

  // The other-commune column of the matrix is the cross-commune table above (every commune role of another commune).
  it('in its own commune, each role passes exactly the role gates that name it', async () => {
    const wrong: string[] = [];
    const gated = t.app.registeredRoutes.filter(isRoleGated);
    for (const route of gated) {
      for (const { key, role } of roles) {
        const allowed = role === 'platform-admin' || (typeof route.access === 'object' && route.access.communeRoles.some((r) => r === role));
        const response = await send(key, route, victim, unknownId);
        const toSignIn = response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in');
        const refused = toSignIn || response.statusCode === 401 || (response.statusCode === 403 && !checksOf(response).includes('policy:'));
        if (response.statusCode >= 500 || refused === allowed) wrong.push(`${role} ${route.method} ${route.url} → ${response.statusCode} (expected ${allowed ? 'through the gate' : 'refused'})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('draft rows of a commune are not found through public routes, by visitors, citizens or other communes', async () => {
    const victimId = await t.communeId(victim);
    const drafts = await draftRowIds(victimId);
    expect(drafts.length).toBeGreaterThan(3);
    const publicWithIds = t.app.registeredRoutes.filter((r) => r.method === 'GET' && r.access === 'public' && /:(?!commune)[A-Za-z]+/.test(r.url));
    const exposed: string[] = [];
    for (const route of publicWithIds) {
      for (const id of drafts) {
        for (const key of [null, `${victim}:citizen`, `${attackerCommune}:admin`]) {
          const response = await t.request(key, 'GET', fill(route.url, victim, id));
          if (response.statusCode === 200) exposed.push(`${key ?? 'anonymous'} GET ${fill(route.url, victim, id)}`);
        }
      }
    }
    expect(exposed).toEqual([]);
  }, 420_000);
});

/**
 * The "draft" column of the matrix: one row per table that has a draft state (status or state), set back to draft
 * for the test when the seed published it. Tables whose other rules refuse that change are left out.
 */
async function draftRowIds(communeId: string): Promise<string[]> {
  const tables = await sql<{ table_name: string; column_name: string }>`
    select s.table_name, s.column_name from information_schema.columns s
    join information_schema.columns c on c.table_name = s.table_name and c.table_schema = s.table_schema and c.column_name = 'commune_id'
    join information_schema.columns i on i.table_name = s.table_name and i.table_schema = s.table_schema and i.column_name = 'id'
    where s.column_name in ('status', 'state') and s.table_schema = 'public' and s.data_type = 'text' order by s.table_name`.execute(t.services.db);
  const ids: string[] = [];
  for (const { table_name: table, column_name: column } of tables.rows) {
    try {
      const row = await sql<{ id: string }>`
        update ${sql.table(table)} set ${sql.ref(column)} = 'draft' where id = (
          select id from ${sql.table(table)} where commune_id = ${communeId} and ${sql.ref(column)} in ('draft', 'published') order by id limit 1)
        returning id::text as id`.execute(t.services.db);
      ids.push(...row.rows.map((r) => r.id));
    } catch {
      // No draft state in this table, or its constraints forbid going back to draft.
    }
  }
  return ids;
}
