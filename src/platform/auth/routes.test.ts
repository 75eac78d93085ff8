import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { safeReturnPath } from './routes.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cookieHeader = (response: { cookies: { name: string; value: string }[] }, base: string) =>
  [base, ...response.cookies.filter((c) => c.value).map((c) => `${c.name}=${c.value}`)].join('; ');

async function startSignIn(identifier: string, commune = 'ndar-toute') {
  const response = await t.request(null, 'POST', '/sign-in', { identifier, commune, return: '/ndar-toute/' });
  return { response, cookie: cookieHeader(response, 'palabre_csrf=test-csrf-token-0123456789abcdefghijkl') };
}

describe('sign-in pages', () => {
  it('read a query string without its control characters: a NUL in the URL never reaches the database', async () => {
    const response = await t.request(null, 'GET', '/sign-in?commune=ndar%00-toute&return=%2Fndar-toute%2F%00');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('name="commune" value="ndar-toute"');
  });

  it('never reveal whether an account exists', async () => {
    const known = await startSignIn('+221770000005');
    const unknown = await startSignIn('+221771112233');
    expect(known.response.statusCode).toBe(303);
    expect(unknown.response.statusCode).toBe(303);
    expect(known.response.headers.location).toBe(unknown.response.headers.location);
    const knownPage = await t.app.inject({ url: '/sign-in/code', headers: { cookie: known.cookie } });
    const unknownPage = await t.app.inject({ url: '/sign-in/code', headers: { cookie: unknown.cookie } });
    const scrub = (body: string) => body.replace(/\d{6}/g, 'CODE').replace(/\+221 77 \*\*\* \*\* \d\d/g, 'MASK');
    expect(scrub(knownPage.body)).toBe(scrub(unknownPage.body));
  });

  it('signs up a new phone number end to end, shows the demo code, and opens a session', async () => {
    const { cookie } = await startSignIn('77 987 65 43');
    const codePage = await t.app.inject({ url: '/sign-in/code', headers: { cookie } });
    expect(codePage.body).toContain('notice-demo');
    const code = /<code dir="ltr">(\d{6})<\/code>/.exec(codePage.body)![1]!;
    const wrong = await t.app.inject({ method: 'POST', url: '/sign-in/code', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=test-csrf-token-0123456789abcdefghijkl&code=${code === '000000' ? '111111' : '000000'}` });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Code incorrect');
    const done = await t.app.inject({ method: 'POST', url: '/sign-in/code', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=test-csrf-token-0123456789abcdefghijkl&code=${code}` });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account?welcome=1');
    const session = done.cookies.find((c) => c.name === 'palabre_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const account = await t.app.inject({ url: '/account', headers: { cookie: `palabre_session=${session.value}` } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('+221779876543');
  });

  it('refuses an invalid identifier with the error next to the field and the input kept', async () => {
    const response = await t.request(null, 'POST', '/sign-in', { identifier: 'pas un numéro', commune: 'ndar-toute' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain('value="pas un numéro"');
  });

  it('refuses sign-in without the CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'identifier=%2B221770000005' });
    expect(response.statusCode).toBe(403);
  });

  it('saves the profile, and "sign out everywhere" ends every session', async () => {
    const first = await t.cookiesFor('ndar-toute:citizen');
    const second = await t.cookiesFor('ndar-toute:citizen');
    const saved = await t.app.inject({ method: 'POST', url: '/account', headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: 'test-csrf-token-0123456789abcdefghijkl', display_name: 'Fatou D.', neighbourhood: 'Sor', preferred_locale: 'ar', gender: '', age_band: '25-34' }).toString() });
    expect(saved.statusCode).toBe(303);
    const user = await t.services.db.selectFrom('users').selectAll().where('id', '=', t.users.get('ndar-toute:citizen')!).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: 'Fatou D.', preferred_locale: 'ar', gender: null, age_band: '25-34' });
    await t.app.inject({ method: 'POST', url: '/account/sign-out-everywhere', headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=test-csrf-token-0123456789abcdefghijkl' });
    const after = await t.app.inject({ url: '/account', headers: { cookie: second } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('safeReturnPath', () => {
  it.each([['/ndar-toute/news', '/ndar-toute/news'], ['//evil.example', '/'], ['https://evil.example', '/'], ['/\\evil', '/'], [undefined, '/']])('%s → %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
