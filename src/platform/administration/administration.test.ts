import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const auditActions = async (communeSlug: string) =>
  (await t.services.db.selectFrom('audit_log').select('action').where('commune_id', '=', await t.communeId(communeSlug)).orderBy('id').execute()).map((r) => r.action);

describe('network home', () => {
  it('lists the communes, searches names in any language and filters by country', async () => {
    const all = await t.request(null, 'GET', '/');
    expect(all.body).toContain('/ndar-toute/');
    expect(all.body).toContain('/tiznit-el-jadida/');
    const arabic = await t.request(null, 'GET', `/?q=${encodeURIComponent('تيزنيت')}`);
    expect(arabic.body).toContain('/tiznit-el-jadida/');
    expect(arabic.body).not.toContain('href="/ndar-toute/"');
    const senegal = await t.request(null, 'GET', '/?country=SN');
    expect(senegal.body).toContain('/ndar-toute/');
    expect(senegal.body).not.toContain('href="/tiznit-el-jadida/"');
  });
});

describe('platform administrator', () => {
  const form = { slug: 'kaolack-est', name_fr: 'Kaolack Est', region_fr: 'Kaolack', country: 'SN', default_locale: 'fr', locale_fr: 'on', time_zone: 'Africa/Dakar', currency: 'XOF', first_admin: '77 555 44 33' };

  it('creates a commune and invites its first administrator', async () => {
    const response = await t.request('platform-admin', 'POST', '/admin/communes', form);
    expect(response.statusCode).toBe(303);
    const commune = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'kaolack-est').executeTakeFirstOrThrow();
    const invitation = await t.services.db.selectFrom('invitations').selectAll().where('commune_id', '=', commune.id).executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ identifier: '+221775554433', role: 'admin' });
    expect(await auditActions('kaolack-est')).toEqual(['commune.created', 'invitation.created']);
    const duplicate = await t.request('platform-admin', 'POST', '/admin/communes', form);
    expect(duplicate.statusCode).toBe(422);
  });

  it('is the only one who can', async () => {
    const response = await t.request('ndar-toute:admin', 'POST', '/admin/communes', { ...form, slug: 'other' });
    expect(response.statusCode).toBe(403);
    expect(await t.services.db.selectFrom('communes').select('id').where('slug', '=', 'other').executeTakeFirst()).toBeUndefined();
  });
});

describe('roles', () => {
  it('an administrator grants and revokes roles, both audited', async () => {
    const granted = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/roles', { identifier: '+221770000005', role: 'moderator' });
    expect(granted.statusCode).toBe(303);
    const grant = await t.services.db.selectFrom('role_grants').selectAll().where('user_id', '=', t.users.get('ndar-toute:citizen')!).where('role', '=', 'moderator').executeTakeFirstOrThrow();
    const revoked = await t.request('ndar-toute:admin', 'POST', `/ndar-toute/admin/roles/${grant.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    const after = await t.services.db.selectFrom('role_grants').select('revoked_at').where('id', '=', grant.id).executeTakeFirstOrThrow();
    expect(after.revoked_at).not.toBeNull();
    expect(await auditActions('ndar-toute')).toEqual(expect.arrayContaining(['role.granted', 'role.revoked']));
  });

  it('another commune’s administrator cannot revoke a grant, even through their own commune', async () => {
    const victim = await t.services.db.selectFrom('role_grants').select('id').where('user_id', '=', t.users.get('ndar-toute:staff')!).executeTakeFirstOrThrow();
    const direct = await t.request('tiznit-el-jadida:admin', 'POST', `/ndar-toute/admin/roles/${victim.id}/revoke`, {});
    expect(direct.statusCode).toBe(403);
    const sideways = await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/roles/${victim.id}/revoke`, {});
    expect(sideways.statusCode).toBe(404);
    const still = await t.services.db.selectFrom('role_grants').select('revoked_at').where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(still.revoked_at).toBeNull();
  });

  it('staff (not administrators) cannot manage roles, settings or read the audit log', async () => {
    for (const path of ['/ndar-toute/admin/roles', '/ndar-toute/admin/settings', '/ndar-toute/admin/audit']) {
      expect((await t.request('ndar-toute:staff', 'GET', path)).statusCode, path).toBe(403);
    }
  });

  it('an administrator cannot remove their own last administrator role', async () => {
    const own = await t.services.db.selectFrom('role_grants').select('id').where('user_id', '=', t.users.get('tiznit-el-jadida:admin')!).where('role', '=', 'admin').executeTakeFirstOrThrow();
    const response = await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/roles/${own.id}/revoke`, {});
    expect(response.statusCode).toBe(409);
  });
});

describe('assisted participants', () => {
  it('a mediator registers a participant only with recorded consent', async () => {
    const refused = await t.request('ndar-toute:mediator', 'POST', '/ndar-toute/admin/participants', { full_name: 'Mame Diarra Gueye', consent_method: 'oral' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('value="Mame Diarra Gueye"');
    const accepted = await t.request('ndar-toute:mediator', 'POST', '/ndar-toute/admin/participants', { full_name: 'Mame Diarra Gueye', neighbourhood: 'Guet Ndar', phone: '', consent_method: 'thumbprint', consent: 'on' });
    expect(accepted.statusCode).toBe(303);
    const list = await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin/participants');
    expect(list.body).toContain('Mame Diarra Gueye');
    expect(await auditActions('ndar-toute')).toContain('participant.registered');
    expect((await t.request('tiznit-el-jadida:mediator', 'GET', '/tiznit-el-jadida/admin/participants')).body).not.toContain('Mame Diarra Gueye');
  });
});

describe('settings and audit log', () => {
  it('an administrator renames the commune; the change is audited and shown in the log', async () => {
    const boundary = '----palabre';
    const parts = { name_fr: 'Ndar Toute (Saint-Louis)', region_fr: 'Saint-Louis', country: 'SN', default_locale: 'fr', locale_fr: 'on', locale_en: 'on', time_zone: 'Africa/Dakar', currency: 'XOF', phone: '33 961 00 00', email: 'mairie@ndar-toute.example.sn' };
    const payload = Object.entries(parts).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/ndar-toute/admin/settings?_csrf=test-csrf-token-0123456789abcdefghijkl',
      headers: { cookie: await t.cookiesFor('ndar-toute:admin'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(303);
    const home = await t.request(null, 'GET', '/ndar-toute/', undefined, { headers: { 'accept-language': 'fr' } });
    expect(home.body).toContain('Ndar Toute (Saint-Louis)');
    const log = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/audit');
    expect(log.body).toContain('commune.settings_updated');
    expect((await t.request('tiznit-el-jadida:admin', 'GET', '/tiznit-el-jadida/admin/audit')).body).not.toContain('commune.settings_updated');
  });

  it('the audit log refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    await expect(sql`update audit_log set action = 'forged'`.execute(t.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.services.db)).rejects.toThrow(/append-only/);
  });
});
