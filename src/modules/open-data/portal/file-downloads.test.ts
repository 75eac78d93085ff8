import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { openDataDb } from '../db/open-data-db.js';

let t: TestApp;
let path: string;
let sha256: string;

beforeAll(async () => {
  t = await createTestApp();
  const resource = await openDataDb(t.services.db).selectFrom('open_data_resources').select(['id', 'sha256']).where('filename', '=', 'execution-budget-2026-10.csv').executeTakeFirstOrThrow();
  path = `/dataset/ndar-toute-execution-budget-2026/resource/${resource.id}/download/execution-budget-2026-10.csv`;
  sha256 = resource.sha256!;
});
afterAll(() => t.close());

describe('downloads of uploaded files', () => {
  it('stream the stored bytes at CKAN’s address, with type, size, attachment name and an ETag from the SHA-256', async () => {
    const response = await t.app.inject({ url: `/ndar-toute${path}` });
    expect(response.statusCode).toBe(200);
    expect(createHash('sha256').update(response.rawPayload).digest('hex')).toBe(sha256);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="execution-budget-2026-10.csv"; filename*=UTF-8''execution-budget-2026-10.csv`);
    expect(response.headers.etag).toBe(`"${sha256}"`);
    const again = await t.app.inject({ url: `/ndar-toute${path}`, headers: { 'if-none-match': `"${sha256}"` } });
    expect(again.statusCode).toBe(304);
    // The address the catalogue publishes is this one.
    const pkg = (await t.app.inject({ url: '/ndar-toute/api/3/action/package_show?id=ndar-toute-execution-budget-2026' })).json();
    expect(pkg.result.resources[0].url).toBe(`http://127.0.0.1:3000/ndar-toute${path}`);
  });

  it('are not found under another commune, with another file name, a bad id, or once the dataset is withdrawn', async () => {
    expect((await t.app.inject({ url: `/tiznit-el-jadida${path}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/ndar-toute${path.replace('execution-budget-2026-10.csv', 'other.csv')}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/ndar-toute/dataset/ndar-toute-execution-budget-2026/resource/not-a-uuid/download/x.csv' })).statusCode).toBe(404);
    await openDataDb(t.services.db).updateTable('open_data_datasets').set({ state: 'withdrawn' }).where('name', '=', 'ndar-toute-execution-budget-2026').execute();
    expect((await t.app.inject({ url: `/ndar-toute${path}` })).statusCode).toBe(404);
  });
});
