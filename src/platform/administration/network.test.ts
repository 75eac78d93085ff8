import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const communeBySlug = (slug: string) => t.services.db.selectFrom('communes').selectAll().where('slug', '=', slug).executeTakeFirst();

describe('network home', () => {
  it('lists both demo communes with their country and languages', async () => {
    const page = await t.request(null, 'GET', '/', undefined, { headers: { 'accept-language': 'fr' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/ndar-toute/"');
    expect(page.body).toContain('href="/tiznit-el-jadida/"');
    expect(page.body).toContain('Sénégal');
    expect(page.body).toContain('Maroc');
    expect(page.body).not.toContain('href="/admin/communes"');
  });

  it('searches the name in any language and the slug, case-insensitively', async () => {
    const arabic = await t.request(null, 'GET', `/?q=${encodeURIComponent('تيزنيت')}`);
    expect(arabic.body).toContain('href="/tiznit-el-jadida/"');
    expect(arabic.body).not.toContain('href="/ndar-toute/"');
    const slug = await t.request(null, 'GET', '/?q=NDAR');
    expect(slug.body).toContain('href="/ndar-toute/"');
    expect(slug.body).not.toContain('href="/tiznit-el-jadida/"');
  });

  it('filters by country and says when nothing matches', async () => {
    const senegal = await t.request(null, 'GET', '/?country=SN');
    expect(senegal.body).toContain('href="/ndar-toute/"');
    expect(senegal.body).not.toContain('href="/tiznit-el-jadida/"');
    expect(senegal.body).toMatch(/<option value="SN" selected/);
    const none = await t.request(null, 'GET', '/?q=zzzz', undefined, { headers: { 'accept-language': 'fr' } });
    expect(none.body).toContain('Aucune commune ne correspond');
  });

  it('renders a hostile search term inert', async () => {
    const page = await t.request(null, 'GET', `/?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(page.statusCode).toBe(200);
    // Inside an attribute only the quote matters: it must not close the value.
    expect(page.body).not.toContain('"><script>');
    expect(page.body).toContain('value="&#34;><script>');
  });

  it('shows the communes link to a platform administrator', async () => {
    const page = await t.request('platform-admin', 'GET', '/');
    expect(page.body).toContain('href="/admin/communes"');
  });
});

describe('creating a commune', () => {
  const form = {
    slug: 'kaolack-est',
    name_fr: 'Kaolack Est',
    region_fr: 'Kaolack',
    country: 'SN',
    default_locale: 'fr',
    locale_fr: 'on',
    time_zone: 'Africa/Dakar',
    currency: 'XOF',
    first_admin: '77 555 44 33',
  };

  it('creates the commune with every module and invites its first administrator', async () => {
    expect((await t.request('platform-admin', 'GET', '/admin/communes/new')).statusCode).toBe(200);
    const response = await t.request('platform-admin', 'POST', '/admin/communes/new', form);
    expect(response.statusCode).toBe(303);
    const commune = (await communeBySlug('kaolack-est'))!;
    expect(commune.enabled_modules).toEqual(expect.arrayContaining(t.services.modules.map((m) => m.id)));
    const invitation = await t.services.db.selectFrom('invitations').selectAll().where('commune_id', '=', commune.id).executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ identifier: '+221775554433', role: 'admin' });
    const actions = await t.services.db.selectFrom('audit_log').select('action').where('commune_id', '=', commune.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['commune.created', 'invitation.created']);
    expect((await t.request('platform-admin', 'GET', '/admin/communes')).body).toContain('Kaolack Est');
  });

  it('grants the role at once when the first administrator already has an account', async () => {
    const response = await t.request('platform-admin', 'POST', '/admin/communes/new', { ...form, slug: 'louga', name_fr: 'Louga', first_admin: 'Admin@Palabre.example' });
    expect(response.statusCode).toBe(303);
    const commune = (await communeBySlug('louga'))!;
    const grant = await t.services.db.selectFrom('role_grants').selectAll().where('commune_id', '=', commune.id).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ user_id: t.users.get('platform-admin'), role: 'admin' });
  });

  it('accepts a country outside the list by its ISO code', async () => {
    const response = await t.request('platform-admin', 'POST', '/admin/communes/new', { ...form, slug: 'kayes', name_fr: 'Kayes', country: 'other', country_code: 'ml', time_zone: 'Africa/Bamako', first_admin: '+223 76 12 34 56' });
    expect(response.statusCode).toBe(303);
    expect((await communeBySlug('kayes'))?.country).toBe('ML');
  });

  it('refuses a taken or malformed slug, a missing name and a bad identifier, storing nothing', async () => {
    const taken = await t.request('platform-admin', 'POST', '/admin/communes/new', form);
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('slug-error');
    const bad = await t.request('platform-admin', 'POST', '/admin/communes/new', { ...form, slug: 'Bad Slug', name_fr: '', first_admin: 'nobody' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('first_admin-error');
    expect(bad.body).toContain('name_fr-error');
    expect(await communeBySlug('bad-slug')).toBeUndefined();
  });

  it('renders hostile names inert', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    await t.request('platform-admin', 'POST', '/admin/communes/new', { ...form, slug: 'hostile', name_fr: payload, first_admin: '77 555 44 34' });
    for (const url of ['/', '/admin/communes']) {
      const page = await t.request('platform-admin', 'GET', url);
      expect(page.body).not.toContain(payload);
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)');
    }
  });

  it('is reserved to platform administrators and needs the CSRF token', async () => {
    for (const key of ['ndar-toute:admin', null]) {
      expect((await t.request(key, 'GET', '/admin/communes')).statusCode).not.toBe(200);
    }
    expect((await t.request('ndar-toute:admin', 'GET', '/admin/communes')).statusCode).toBe(403);
    const refused = await t.request('ndar-toute:admin', 'POST', '/admin/communes/new', { ...form, slug: 'other' });
    expect(refused.statusCode).toBe(403);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/admin/communes/new',
      headers: { cookie: await t.cookiesFor('platform-admin'), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, slug: 'other' }).toString(),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await communeBySlug('other')).toBeUndefined();
  });
});
