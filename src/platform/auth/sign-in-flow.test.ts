import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testCsrfToken, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Each scenario comes from its own address so the per-address limits of one do not spill into another.
let nextAddress = 20;
const csrfCookie = `palabre_csrf=${testCsrfToken}`;

type Browser = { cookie: string; ip: string };
const newBrowser = (): Browser => ({ cookie: csrfCookie, ip: `10.20.0.${nextAddress++}` });

function keepCookies(browser: Browser, response: { cookies: { name: string; value: string }[] }) {
  const jar = new Map(browser.cookie.split('; ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  for (const c of response.cookies) {
    if (c.value) jar.set(c.name, c.value);
    else jar.delete(c.name);
  }
  browser.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

async function post(browser: Browser, url: string, form: Record<string, string>) {
  const response = await t.app.inject({
    method: 'POST',
    url,
    remoteAddress: browser.ip,
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: testCsrfToken, ...form }).toString(),
  });
  keepCookies(browser, response);
  return response;
}

async function get(browser: Browser, url: string) {
  const response = await t.app.inject({ url, remoteAddress: browser.ip, headers: { cookie: browser.cookie } });
  keepCookies(browser, response);
  return response;
}

async function demoCodeFor(browser: Browser): Promise<string> {
  const page = await get(browser, '/sign-in/code');
  return /<code dir="ltr">(\d{6})<\/code>/.exec(page.body)![1]!;
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('sign-in flow', () => {
  it('shows the phone format of the commune’s country', async () => {
    const senegal = await get(newBrowser(), '/sign-in?commune=ndar-toute');
    const morocco = await get(newBrowser(), '/sign-in?commune=tiznit-el-jadida');
    expect(senegal.body).toContain('77 123 45 67');
    expect(morocco.body).toContain('06 12 34 56 78');
    expect(morocco.body).toContain('name="identifier"');
    expect(morocco.body).toContain('autocomplete="username"');
  });

  it('reads a local Moroccan number with the commune’s country and masks it on the code page', async () => {
    const browser = newBrowser();
    expect((await post(browser, '/sign-in', { identifier: '06 55 44 33 22', commune: 'tiznit-el-jadida' })).statusCode).toBe(303);
    const page = await get(browser, '/sign-in/code');
    expect(page.body).toContain('+212 6 ** ** ** 22');
    expect(page.body).not.toContain('655443322');
    expect(page.body).toContain('autocomplete="one-time-code"');
  });

  it('kills the code after five wrong tries, even before the right one', async () => {
    const browser = newBrowser();
    await post(browser, '/sign-in', { identifier: '77 555 00 01', commune: 'ndar-toute' });
    const code = await demoCodeFor(browser);
    for (let i = 0; i < 5; i++) expect((await post(browser, '/sign-in/code', { code: wrongCode(code) })).statusCode).toBe(422);
    const late = await post(browser, '/sign-in/code', { code });
    expect(late.statusCode).toBe(422);
    expect(late.cookies.find((c) => c.name === 'palabre_session')).toBeUndefined();
  });

  it('accepts a code only once', async () => {
    const browser = newBrowser();
    await post(browser, '/sign-in', { identifier: '77 555 00 02', commune: 'ndar-toute' });
    const code = await demoCodeFor(browser);
    const pendingCookie = browser.cookie;
    expect((await post(browser, '/sign-in/code', { code })).statusCode).toBe(303);
    const replay = await post({ cookie: pendingCookie, ip: browser.ip }, '/sign-in/code', { code });
    expect(replay.statusCode).toBe(422);
  });

  it('answers 429 with a clear message after three codes in an hour, and sends no fourth', async () => {
    const browser = newBrowser();
    for (let i = 0; i < 3; i++) expect((await post(browser, '/sign-in', { identifier: '77 555 00 03', commune: 'ndar-toute' })).statusCode).toBe(303);
    const limited = await post(browser, '/sign-in', { identifier: '77 555 00 03', commune: 'ndar-toute' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Trop de codes demandés');
    const sent = await t.services.db.selectFrom('outbox_messages').select('id').where('recipient', '=', '+221775550003').orderBy('id').execute();
    expect(sent).toHaveLength(3);
  });

  it('sends a known member back where they came from, with a staff session, and refuses foreign return URLs', async () => {
    const browser = newBrowser();
    await post(browser, '/sign-in', { identifier: '+221770000002', commune: 'ndar-toute', return: '/ndar-toute/admin' });
    const done = await post(browser, '/sign-in/code', { code: await demoCodeFor(browser) });
    expect(done.headers.location).toBe('/ndar-toute/admin');
    const session = await t.services.db.selectFrom('sessions').select('kind').where('user_id', '=', t.users.get('ndar-toute:staff')!).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(session.kind).toBe('staff');

    const other = newBrowser();
    await post(other, '/sign-in', { identifier: '+221770000003', return: '//evil.example/steal' });
    const away = await post(other, '/sign-in/code', { code: await demoCodeFor(other) });
    expect(away.headers.location).toBe('/');
  });

  it('turns an invitation into a back-office role at the first sign-in', async () => {
    const communeId = await t.communeId('ndar-toute');
    await t.services.db.insertInto('invitations').values({ commune_id: communeId, identifier: 'agent@ndar-toute.example', role: 'staff', invited_by: t.users.get('ndar-toute:admin')! }).execute();
    const browser = newBrowser();
    await post(browser, '/sign-in', { identifier: 'Agent@Ndar-Toute.example', commune: 'ndar-toute' });
    const done = await post(browser, '/sign-in/code', { code: await demoCodeFor(browser) });
    expect(done.headers.location).toBe('/account?welcome=1');
    const account = await get(browser, '/account?welcome=1');
    expect(account.body).toContain('agent@ndar-toute.example');
    expect(account.body).toContain('Ndar Toute');
  });

  it('signs out: the old session cookie no longer opens the account', async () => {
    const browser = { cookie: await t.cookiesFor('ndar-toute:moderator'), ip: '10.20.1.1' };
    const stolen = browser.cookie;
    expect((await get(browser, '/account')).statusCode).toBe(200);
    const out = await post(browser, '/sign-out', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/');
    expect((await get({ cookie: stolen, ip: browser.ip }, '/account')).statusCode).toBe(303);
  });
});

describe('account page', () => {
  it('renders a hostile display name inert', async () => {
    const browser = { cookie: await t.cookiesFor('tiznit-el-jadida:citizen'), ip: '10.20.2.1' };
    const payload = '<script>alert(1)</script>';
    expect((await post(browser, '/account', { display_name: payload, neighbourhood: '<img src=x onerror=alert(1)>', preferred_locale: 'fr', gender: 'female', age_band: '' })).statusCode).toBe(303);
    const page = await get(browser, '/account');
    // Inside a quoted attribute "<" is plain text; outside attributes it must be escaped.
    const outsideAttributes = page.body.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script>');
    expect(outsideAttributes).not.toContain('<img');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('refuses an unknown language or age band with 422 and stores nothing', async () => {
    const browser = { cookie: await t.cookiesFor('tiznit-el-jadida:staff'), ip: '10.20.2.2' };
    const response = await post(browser, '/account', { display_name: 'Changed', neighbourhood: '', preferred_locale: 'xx', gender: '', age_band: '12-14' });
    expect(response.statusCode).toBe(422);
    const user = await t.services.db.selectFrom('users').select('display_name').where('id', '=', t.users.get('tiznit-el-jadida:staff')!).executeTakeFirstOrThrow();
    expect(user.display_name).toBe('Youssef Amrani');
  });

  it('sets the language cookie with the preferred language', async () => {
    const browser = { cookie: await t.cookiesFor('tiznit-el-jadida:mediator'), ip: '10.20.2.3' };
    const response = await post(browser, '/account', { display_name: 'Hassan', neighbourhood: '', preferred_locale: 'ar', gender: '', age_band: '' });
    expect(response.cookies.find((c) => c.name === 'palabre_lang')?.value).toBe('ar');
    expect((await get(browser, '/account')).body).toContain('dir="rtl"');
  });
});
