import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const shared = 'public, max-age=0, s-maxage=10';

describe('pages a shared cache may keep', () => {
  it('lets a proxy keep a public page without a form for ten seconds, per language, and sets no cookie', async () => {
    const home = await get('/ndar-toute/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe(shared);
    expect(home.headers.vary).toContain('Accept-Language');
    expect(home.headers['set-cookie']).toBeUndefined();
    expect(home.body).not.toContain('name="_csrf"');
  });

  it('keeps private every page that shows a form, even to a visitor who already has a token', async () => {
    const first = await get('/sign-in');
    expect(first.body).toContain('name="_csrf"');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(String(first.headers['set-cookie'])).toContain('palabre_csrf=');
    const again = await get('/sign-in', { cookie: String(first.headers['set-cookie']).split(';')[0]! });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['cache-control']).toBe('no-store');
  });

  it('keeps private what a signed-in person sees, a one-time message, an error and an explicit language choice', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/')).headers['cache-control']).toBe('no-store');
    expect((await get('/ndar-toute/', { cookie: 'palabre_flash=core.flash.saved' })).headers['cache-control']).toBe('no-store');
    expect(String((await get('/ndar-toute/no-such-page')).headers['cache-control'])).not.toContain('public');
    expect(String((await get('/ndar-toute/?lang=ar')).headers['cache-control'])).not.toContain('public');
    expect((await get('/ndar-toute/', { cookie: 'palabre_session=stale-or-forged' })).headers['cache-control']).toBe('no-store');
  });

  it('is switched off with PAGE_CACHE_SECONDS=0', async () => {
    const off = await createTestApp({ seed: true, env: { PAGE_CACHE_SECONDS: '0' } });
    try {
      expect((await off.app.inject({ method: 'GET', url: '/ndar-toute/' })).headers['cache-control']).toBe('no-store');
    } finally {
      await off.close();
    }
  });
});
