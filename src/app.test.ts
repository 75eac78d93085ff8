import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp, allModules, type PalabreApp } from './app.js';
import { loadConfig } from './platform/config/config.js';
import type { PalabreModule } from './platform/module.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';
import { createTestDatabase } from './test-support/test-database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform HTTP behaviour', () => {
  it('/healthz checks the database', async () => {
    const response = await t.request(null, 'GET', '/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('sends a strict CSP without inline scripts, and the usual security headers', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
  });

  it('answers an unknown commune with a translated 404 page carrying a stable code', async () => {
    const response = await t.request(null, 'GET', '/atlantis/', undefined, { headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('No commune by this name exists');
    expect(response.body).toContain('COMMUNE_NOT_FOUND');
  });

  it('renders Arabic pages right to left and persists an explicit language choice', async () => {
    const arabic = await t.request(null, 'GET', '/tiznit-el-jadida/');
    expect(arabic.body).toMatch(/<html lang="ar" dir="rtl">/);
    const choice = await t.request(null, 'GET', '/tiznit-el-jadida/?lang=fr');
    expect(choice.statusCode).toBe(303);
    expect(choice.headers.location).toBe('/tiznit-el-jadida/');
    expect(String(choice.headers['set-cookie'])).toContain('palabre_lang=fr');
    const french = await t.app.inject({ url: '/tiznit-el-jadida/', headers: { cookie: 'palabre_lang=fr' } });
    expect(french.body).toMatch(/<html lang="fr" dir="ltr">/);
  });

  it('serves the one stylesheet with a content hash and a long cache', async () => {
    const page = await t.request(null, 'GET', '/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
    expect(href).toMatch(/^\/assets\/app\.[0-9a-f]{12}\.css$/);
    const css = await t.request(null, 'GET', href!);
    expect(css.headers['cache-control']).toContain('immutable');
  });

  it('compresses pages and keeps the commune home under 14 KB compressed', async () => {
    for (const path of ['/ndar-toute/', '/tiznit-el-jadida/']) {
      const response = await t.app.inject({ url: path, headers: { 'accept-encoding': 'br' } });
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.rawPayload.length, path).toBeLessThanOrEqual(14 * 1024);
    }
  });

  it('refuses a POST without the CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'palabre_csrf=abcdefghijklmnopqrstuvwxyz0123456789' },
      payload: '_csrf=forged-value-forged-value-forged-val',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('CSRF_INVALID');
  });
});

describe('errors never leak internals', () => {
  let palabre: PalabreApp;
  beforeAll(async () => {
    const exploding: PalabreModule = {
      id: 'exploding',
      migrations: {},
      i18n: { fr: {}, en: {}, pt: {}, ar: {} },
      networkRoutes: async (app: FastifyInstance) => {
        app.get('/explode', { config: { access: 'public' } }, async () => {
          throw new Error('secret database detail at /srv/palabre/db.ts:42');
        });
      },
    };
    palabre = await createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: await createTestDatabase(), modules: [...allModules, exploding] });
  });
  afterAll(() => palabre.close());

  it('shows a translated message and a code, never the stack or the internal message', async () => {
    const response = await palabre.app.inject({ url: '/explode', headers: { 'accept-language': 'fr' } });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('INTERNAL');
    expect(response.body).toContain('Une erreur inattendue');
    expect(response.body).not.toContain('secret database detail');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers JSON clients with the same code', async () => {
    const response = await palabre.app.inject({ url: '/explode', headers: { accept: 'application/json' } });
    expect(response.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
  });
});

describe('rate limits on POST', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { RATE_LIMIT_POST_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.close());

  it('refuses a flood of POSTs from one address with a translated 429, and never limits reading', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.request('ndar-toute:citizen', 'POST', '/account', { preferred_locale: 'fr' })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([303, 303, 303]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const refused = await limited.request('ndar-toute:citizen', 'POST', '/account', { preferred_locale: 'fr' }, { headers: { 'accept-language': 'fr' } });
    expect(refused.body).toContain('RATE_LIMITED');
    for (let i = 0; i < 10; i++) expect((await limited.request(null, 'GET', '/ndar-toute/')).statusCode).toBe(200);
  });
});
