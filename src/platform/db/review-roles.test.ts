import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlErrorCode } from '../../test-support/sql-error.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('migration 2026-11-26T0400_platform_review_roles', () => {
  it('lets role grants name civil society and the monitoring body, and still refuses unknown roles', async () => {
    const commune = await t.communeId('ndar-toute');
    const user = t.users.get('ndar-toute:citizen')!;
    for (const role of ['civil_society', 'monitor'] as const) {
      await t.services.db.insertInto('role_grants').values({ commune_id: commune, user_id: user, role }).execute();
    }
    const granted = await t.services.db.selectFrom('role_grants').select('role').where('user_id', '=', user).where('revoked_at', 'is', null).execute();
    expect(granted.map((g) => g.role).sort()).toEqual(['citizen', 'civil_society', 'monitor']);
    expect(await sqlErrorCode(t.services.db, sql`insert into role_grants (commune_id, user_id, role) values (${commune}, ${user}, 'emperor')`)).toBe('23514');
  });

  it('lets an administrator grant the new roles from the roles page', async () => {
    const page = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/roles');
    expect(page.body).toContain('<option value="monitor">Organe de suivi indépendant</option>');
    const granted = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/roles', { identifier: '77 000 00 02', role: 'civil_society' });
    expect(granted.statusCode).toBe(303);
    const staffUser = t.users.get('ndar-toute:staff')!;
    const roles = await t.services.db.selectFrom('role_grants').select('role').where('user_id', '=', staffUser).where('revoked_at', 'is', null).execute();
    expect(roles.map((r) => r.role)).toContain('civil_society');
  });
});
