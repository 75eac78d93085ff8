import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testCsrfToken } from '../test-support/test-app.js';

/** One regression test per bug the fuzz suite (hostile-routes.test.ts) found: each answered 500 before its fix. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('bugs found by the fuzz suite', () => {
  it('a NUL byte in a path parameter is "not found", not a database error', async () => {
    for (const url of ['/ndar-toute/data/a%00b', '/ndar-toute/dataset/a%00b/datapackage.json', '/ndar-toute/finances/data/%01x']) {
      const response = await t.request(null, 'GET', url);
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('an id that is not a UUID is "not found" on the plan-comment and consultation-phase staff routes', async () => {
    expect((await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/plans/comments/-1')).statusCode).toBe(404);
    expect((await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/plans/comments/0/hide', { reason: 'x' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/consultations/99999/active-phase', {})).statusCode).toBe(404);
  });

  it('a multipart body cut off before its closing boundary is a bad request', async () => {
    const boundary = '----cut';
    const response = await t.app.inject({
      method: 'POST',
      url: `/ndar-toute/requests/new?_csrf=${testCsrfToken}`,
      headers: { cookie: await t.cookiesFor('ndar-toute:citizen'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nhalf`,
    });
    expect(response.statusCode).toBe(400);
  });
});
