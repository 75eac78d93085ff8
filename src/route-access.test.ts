import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/**
 * Table-driven authorisation test over EVERY registered route: staff and administrators of one
 * commune must not read or change anything private of another. A new route is covered automatically.
 */
let t: TestApp;
let victimIds: string[];

const victim = 'ndar-toute';
const attackerCommune = 'tiznit-el-jadida';
const attackers = [`${attackerCommune}:admin`, `${attackerCommune}:staff`, `${attackerCommune}:mediator`, `${attackerCommune}:moderator`];

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
  t = await createTestApp();
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
  });

  // Every route with an id × every victim id, one request (and session) each: over 30 s on a busy machine.
  it('the victim’s resource ids used through the attacker’s own commune are not found, and nothing changes', async () => {
    const victimId = await t.communeId(victim);
    const before = await victimFingerprint(victimId);
    const routesWithIds = t.app.registeredRoutes.filter(
      (r) => r.url.includes(':commune') && /:(?!commune)[A-Za-z]+/.test(r.url) && r.access !== 'public',
    );
    for (const route of routesWithIds) {
      for (const id of victimIds) {
        const response = await t.request(`${attackerCommune}:admin`, route.method as 'GET' | 'POST', fill(route.url, attackerCommune, id), route.method === 'GET' ? undefined : {});
        expect(response.statusCode, `${route.method} ${fill(route.url, attackerCommune, id)}`).not.toBe(200);
        expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
      }
    }
    expect(await victimFingerprint(victimId)).toBe(before);
  }, 180_000);

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
  });
});
