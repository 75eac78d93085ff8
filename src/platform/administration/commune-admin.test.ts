import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdentifier } from '../auth/identifier.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const auditRows = async (slug: string) =>
  t.services.db.selectFrom('audit_log').selectAll().where('commune_id', '=', await t.communeId(slug)).orderBy('id').execute();
const activeGrant = (userKey: string, role: string) =>
  t.services.db.selectFrom('role_grants').selectAll().where('user_id', '=', t.users.get(userKey)!).where('role', '=', role as never).where('revoked_at', 'is', null).executeTakeFirst();

describe('back-office dashboard', () => {
  it('shows each person only the tools they may use', async () => {
    const admin = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin');
    expect(admin.statusCode).toBe(200);
    for (const path of ['roles', 'participants', 'settings', 'audit']) expect(admin.body).toContain(`href="/ndar-toute/admin/${path}"`);
    const mediator = await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin');
    expect(mediator.body).toContain('href="/ndar-toute/admin/participants"');
    expect(mediator.body).not.toContain('href="/ndar-toute/admin/roles"');
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin')).statusCode).toBe(403);
  });
});

describe('roles', () => {
  it('an administrator grants and revokes roles, both audited, identifiers masked', async () => {
    const granted = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/roles', { identifier: '77 000 00 05', role: 'moderator' });
    expect(granted.statusCode).toBe(303);
    const grant = (await activeGrant('ndar-toute:citizen', 'moderator'))!;
    const page = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/roles');
    expect(page.body).toContain('Fatou Diop');
    expect(page.body).not.toContain('+221770000005');
    const revoked = await t.request('ndar-toute:admin', 'POST', `/ndar-toute/admin/roles/${grant.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    const after = await t.services.db.selectFrom('role_grants').selectAll().where('id', '=', grant.id).executeTakeFirstOrThrow();
    expect(after.revoked_at).not.toBeNull();
    expect(after.revoked_by).toBe(t.users.get('ndar-toute:admin'));
    const actions = (await auditRows('ndar-toute')).filter((r) => r.resource_id === grant.id).map((r) => r.action);
    expect(actions).toEqual(['role.granted', 'role.revoked']);
  });

  it('invites a person without an account, and lists the pending invitation', async () => {
    const response = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/roles', { identifier: 'New.Agent@Example.sn', role: 'staff' });
    expect(response.statusCode).toBe(303);
    const invitation = await t.services.db.selectFrom('invitations').selectAll().where('identifier', '=', 'new.agent@example.sn').executeTakeFirstOrThrow();
    expect(invitation.role).toBe('staff');
    expect((await auditRows('ndar-toute')).some((r) => r.action === 'invitation.created' && r.resource_id === invitation.id)).toBe(true);
    const page = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/roles');
    expect(page.body).not.toContain('new.agent@example.sn');
    expect(page.body).toContain(maskIdentifier('new.agent@example.sn'));
  });

  it('refuses an invalid identifier or role with 422 and stores nothing', async () => {
    const before = await t.services.db.selectFrom('invitations').select('id').execute();
    const bad = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/roles', { identifier: 'not a phone', role: 'emperor' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('identifier-error');
    expect(bad.body).toContain('value="not a phone"');
    expect(await t.services.db.selectFrom('invitations').select('id').execute()).toHaveLength(before.length);
  });

  it('another commune’s administrator can neither see nor revoke ndar-toute grants', async () => {
    expect((await t.request('tiznit-el-jadida:admin', 'GET', '/ndar-toute/admin/roles')).statusCode).toBe(403);
    const victim = (await activeGrant('ndar-toute:staff', 'staff'))!;
    const direct = await t.request('tiznit-el-jadida:admin', 'POST', `/ndar-toute/admin/roles/${victim.id}/revoke`, {});
    expect(direct.statusCode).toBe(403);
    const sideways = await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/roles/${victim.id}/revoke`, {});
    expect(sideways.statusCode).toBe(404);
    expect((await activeGrant('ndar-toute:staff', 'staff'))?.revoked_at).toBeNull();
  });

  it('refuses a revocation without the CSRF token', async () => {
    const victim = (await activeGrant('ndar-toute:staff', 'staff'))!;
    const response = await t.app.inject({ method: 'POST', url: `/ndar-toute/admin/roles/${victim.id}/revoke`, headers: { cookie: await t.cookiesFor('ndar-toute:admin') } });
    expect(response.statusCode).toBe(403);
    expect(await activeGrant('ndar-toute:staff', 'staff')).toBeDefined();
  });

  it('staff (not administrators) cannot manage roles, settings or read the audit log', async () => {
    for (const path of ['/ndar-toute/admin/roles', '/ndar-toute/admin/settings', '/ndar-toute/admin/audit']) {
      expect((await t.request('ndar-toute:staff', 'GET', path)).statusCode, path).toBe(403);
    }
    expect((await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/roles', { identifier: '+221770000005', role: 'admin' })).statusCode).toBe(403);
    expect(await activeGrant('ndar-toute:citizen', 'admin')).toBeUndefined();
  });

  it('an administrator cannot remove their own last administrator role', async () => {
    const own = (await activeGrant('tiznit-el-jadida:admin', 'admin'))!;
    const response = await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/roles/${own.id}/revoke`, {}, { headers: { 'accept-language': 'fr' } });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('dernier administrateur');
    expect((await activeGrant('tiznit-el-jadida:admin', 'admin'))?.revoked_at).toBeNull();
  });
});

describe('assisted participants', () => {
  const participant = { full_name: 'Mame Diarra Gueye', neighbourhood: 'Guet Ndar', phone: '', consent_method: 'thumbprint' };

  it('a mediator registers a participant only with recorded consent', async () => {
    expect((await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin/participants/new')).statusCode).toBe(200);
    const refused = await t.request('ndar-toute:mediator', 'POST', '/ndar-toute/admin/participants/new', participant);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('consent-error');
    expect(refused.body).toContain('value="Mame Diarra Gueye"');
    expect(await t.services.db.selectFrom('assisted_participants').select('id').where('full_name', '=', participant.full_name).execute()).toHaveLength(0);
    const accepted = await t.request('ndar-toute:mediator', 'POST', '/ndar-toute/admin/participants/new', { ...participant, phone: '77 123 45 67', gender: 'female', age_band: '25-34', consent: 'on' });
    expect(accepted.statusCode).toBe(303);
    const row = await t.services.db.selectFrom('assisted_participants').selectAll().where('full_name', '=', participant.full_name).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone_e164: '+221771234567', gender: 'female', age_band: '25-34', consent_method: 'thumbprint', registered_by: t.users.get('ndar-toute:mediator') });
    expect((await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin/participants')).body).toContain('Mame Diarra Gueye');
    expect((await auditRows('ndar-toute')).some((r) => r.action === 'participant.registered' && r.resource_id === row.id)).toBe(true);
    expect((await t.request('tiznit-el-jadida:mediator', 'GET', '/tiznit-el-jadida/admin/participants')).body).not.toContain('Mame Diarra Gueye');
  });

  it('refuses an invalid phone and renders hostile names inert', async () => {
    const badPhone = await t.request('ndar-toute:mediator', 'POST', '/ndar-toute/admin/participants/new', { ...participant, phone: '12', consent: 'on' });
    expect(badPhone.statusCode).toBe(422);
    expect(badPhone.body).toContain('phone-error');
    const payload = '<script>alert("x")</script>';
    await t.request('ndar-toute:mediator', 'POST', '/ndar-toute/admin/participants/new', { ...participant, full_name: payload, neighbourhood: payload, consent: 'on' });
    const list = await t.request('ndar-toute:mediator', 'GET', '/ndar-toute/admin/participants');
    expect(list.body).not.toContain(payload);
    expect(list.body).toContain('&lt;script>');
  });

  it('staff and other communes’ mediators cannot register here', async () => {
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/participants')).statusCode).toBe(403);
    const foreign = await t.request('tiznit-el-jadida:mediator', 'POST', '/ndar-toute/admin/participants/new', { ...participant, full_name: 'Intrus', consent: 'on' });
    expect(foreign.statusCode).toBe(403);
    expect(await t.services.db.selectFrom('assisted_participants').select('id').where('full_name', '=', 'Intrus').execute()).toHaveLength(0);
  });
});

function multipart(fields: Record<string, string>) {
  const boundary = '----palabre';
  const body = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('settings and audit log', () => {
  const settings = { name_fr: 'Ndar Toute (Saint-Louis)', region_fr: 'Saint-Louis', country: 'SN', default_locale: 'fr', locale_fr: 'on', locale_en: 'on', time_zone: 'Africa/Dakar', currency: 'XOF', phone: '33 961 00 00', email: 'mairie@ndar-toute.example.sn', module_participation: 'on' };
  const postSettings = async (key: string, slug: string, fields: Record<string, string>) => {
    const { body, contentType } = multipart(fields);
    return t.app.inject({ method: 'POST', url: `/${slug}/admin/settings?_csrf=${testCsrfToken}`, headers: { cookie: await t.cookiesFor(key), 'content-type': contentType }, payload: body });
  };

  it('an administrator renames the commune; the change is audited with the changed fields', async () => {
    const page = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/settings');
    expect(page.statusCode).toBe(200);
    // Every module is named, never shown by its internal id.
    expect(page.body).toContain('Budget participatif');
    expect(page.body).not.toContain('<label for="module_open-data">open-data</label>');
    expect(page.body).toContain('<label for="module_channels">SMS, USSD et WhatsApp</label>');
    const response = await postSettings('ndar-toute:admin', 'ndar-toute', settings);
    expect(response.statusCode).toBe(303);
    const home = await t.request(null, 'GET', '/ndar-toute/', undefined, { headers: { 'accept-language': 'fr' } });
    expect(home.body).toContain('Ndar Toute (Saint-Louis)');
    const entry = (await auditRows('ndar-toute')).findLast((r) => r.action === 'commune.settings_updated')!;
    expect(entry.details.changed).toEqual(expect.arrayContaining(['name', 'contact']));
    const log = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/audit');
    expect(log.body).toContain('commune.settings_updated');
    expect((await t.request('tiznit-el-jadida:admin', 'GET', '/tiznit-el-jadida/admin/audit')).body).not.toContain('commune.settings_updated');
  });

  it('refuses invalid settings with 422 and changes nothing', async () => {
    const response = await postSettings('ndar-toute:admin', 'ndar-toute', { ...settings, name_fr: 'Changé', email: 'not-an-email', default_locale: 'ar' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('email-error');
    const commune = await t.services.db.selectFrom('communes').select('name').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    expect(commune.name.fr).toBe('Ndar Toute (Saint-Louis)');
  });

  it('another commune’s administrator cannot change the settings', async () => {
    const response = await postSettings('tiznit-el-jadida:admin', 'ndar-toute', { ...settings, name_fr: 'Piraté' });
    expect(response.statusCode).toBe(403);
    const commune = await t.services.db.selectFrom('communes').select('name').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    expect(commune.name.fr).toBe('Ndar Toute (Saint-Louis)');
  });

  it('filters the log by action and pages through it, 50 entries at a time', async () => {
    const communeId = await t.communeId('ndar-toute');
    const entries = Array.from({ length: 60 }, (_, i) => ({ commune_id: communeId, action: 'test.bulk', resource_type: 'test', resource_id: `bulk-${i}`, details: '{}' }));
    await t.services.db.insertInto('audit_log').values(entries).execute();
    const first = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/audit?action=test');
    expect(first.body.match(/<tr>/g)).toHaveLength(51);
    expect(first.body).not.toContain('role.granted');
    const older = first.body.match(/href="([^"]*before=\d+[^"]*)"/)![1]!.replaceAll('&amp;', '&');
    const second = await t.request('ndar-toute:admin', 'GET', older);
    expect(second.body.match(/<tr>/g)).toHaveLength(11);
    expect(second.body).toContain('bulk-0');
  });

  it('the audit log refuses UPDATE and DELETE at the database level', async () => {
    await expect(sql`update audit_log set action = 'forged'`.execute(t.services.db)).rejects.toThrow();
    await expect(sql`delete from audit_log`.execute(t.services.db)).rejects.toThrow();
    expect((await auditRows('ndar-toute')).length).toBeGreaterThan(0);
  });
});
