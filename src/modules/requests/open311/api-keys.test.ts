import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertnessProblems } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { hashApiKey, verifyApiKey } from './api-keys.js';
import { open311Db } from './tables.js';

let t: TestApp;
let ndarId: string;
const page = '/ndar-toute/admin/requests/api-keys';

const keyIn = (html: string) => /value="(p311_[A-Za-z0-9_-]+)"/.exec(html)?.[1];
const keysOf = (communeId: string) => open311Db(t.services.db).selectFrom('open311_api_keys').selectAll().where('commune_id', '=', communeId).orderBy('created_at').execute();
const auditOf = (action: string) => t.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const postOpen311 = (slug: string, apiKey: string) =>
  t.app.inject({ method: 'POST', url: `/${slug}/open311/v2/requests.json`, payload: new URLSearchParams({ api_key: apiKey, service_code: 'waste', address_string: 'Pikine' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

describe('Open311 API keys in the back office', () => {
  it('an administrator creates a key, sees it once, and only its hash is stored; creation is audited', async () => {
    const created = await t.request('ndar-toute:admin', 'POST', page, { name: 'Appli Quartier Propre' });
    expect(created.statusCode).toBe(201);
    const key = keyIn(created.body)!;
    expect(key).toMatch(/^p311_[A-Za-z0-9_-]{43}$/);
    const [row] = await keysOf(ndarId);
    expect(row!.name).toBe('Appli Quartier Propre');
    expect(row!.key_hash).toBe(hashApiKey(key));
    expect(row!.created_by).toBe(t.users.get('ndar-toute:admin'));
    // The key itself is nowhere in the database.
    const dump = await sql<{ row: string }>`select to_jsonb(k)::text as row from open311_api_keys k`.execute(t.services.db);
    expect(dump.rows.map((r) => r.row).join()).not.toContain(key);
    const list = await t.request('ndar-toute:admin', 'GET', page);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Appli Quartier Propre');
    expect(list.body).toContain(row!.key_prefix);
    expect(list.body).not.toContain(key);
    expect((await auditOf('requests.open311.key_created')).map((a) => a.resource_id)).toContain(row!.id);
    expect((await postOpen311('ndar-toute', key)).statusCode).toBe(200);
    expect((await keysOf(ndarId))[0]!.last_used_at).not.toBeNull();
  });

  it('revoking a key stops it at once, and is audited', async () => {
    const key = keyIn((await t.request('ndar-toute:admin', 'POST', page, { name: 'À révoquer' })).body)!;
    const row = (await keysOf(ndarId)).find((k) => k.name === 'À révoquer')!;
    const revoked = await t.request('ndar-toute:admin', 'POST', `${page}/${row.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(page);
    expect((await keysOf(ndarId)).find((k) => k.id === row.id)!.revoked_at).not.toBeNull();
    expect(await verifyApiKey(t.services.db, ndarId, key)).toBeUndefined();
    expect((await postOpen311('ndar-toute', key)).statusCode).toBe(403);
    expect((await auditOf('requests.open311.key_revoked')).map((a) => a.resource_id)).toContain(row.id);
  });

  it('needs a name, and shows it inert when it is hostile', async () => {
    const empty = await t.request('ndar-toute:admin', 'POST', page, { name: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('error-summary');
    const hostile = await t.request('ndar-toute:admin', 'POST', page, { name: '<script>alert("k")</script>' });
    expect(hostile.statusCode).toBe(201);
    expect(hostile.body).not.toContain('<script>alert("k")</script>');
    expect(inertnessProblems(hostile.body)).toEqual([]);
    expect(hostile.body).toContain('alert(');
  });

  it('the key form still requires the CSRF token (only the Open311 POST is exempt)', async () => {
    const before = (await keysOf(ndarId)).length;
    const cookie = await t.cookiesFor('ndar-toute:admin');
    const response = await t.app.inject({ method: 'POST', url: page, payload: 'name=Sans+jeton', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(403);
    expect((await keysOf(ndarId)).length).toBe(before);
  });

  it('staff who are not administrators, and another commune’s administrator, can neither see nor change keys', async () => {
    const [row] = await keysOf(ndarId);
    for (const who of ['ndar-toute:staff', 'ndar-toute:moderator', 'ndar-toute:mediator', 'tiznit-el-jadida:admin']) {
      expect((await t.request(who, 'GET', page)).statusCode, who).toBe(403);
      expect((await t.request(who, 'POST', page, { name: 'Intrus' })).statusCode, who).toBe(403);
      expect((await t.request(who, 'POST', `${page}/${row!.id}/revoke`, {})).statusCode, who).toBe(403);
    }
    // Through its own commune's page, Tiznit's administrator does not find Ndar's key.
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/requests/api-keys/${row!.id}/revoke`, {})).statusCode).toBe(404);
    expect((await keysOf(ndarId)).find((k) => k.id === row!.id)!.revoked_at).toBeNull();
    expect((await keysOf(ndarId)).some((k) => k.name === 'Intrus')).toBe(false);
  });
});
