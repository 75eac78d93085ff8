import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { procedureDb } from './tables.js';
import { accountWithRole, birthForm, pdfScan } from './test-helpers.js';

let t: TestApp;
let reference: string;
let code: string;
let fileId: string;
let neighbour: string;
beforeAll(async () => {
  t = await createTestApp();
  const birth = await birthForm(t);
  const filed = await postMultipart(t, 'ndar-toute:citizen', `/ndar-toute/services/${birth.id}/request`, { f_nom_enfant: 'Awa Diop Secretname', f_copies: '3' }, { f_piece: pdfScan });
  expect(filed.statusCode).toBe(201);
  reference = /DA-\d{4}-\d{5}/.exec(filed.body)![0];
  code = /code=([A-Z0-9]{8})/.exec(filed.body)![1]!;
  const row = await procedureDb(t.services.db).selectFrom('request_files').select('id').executeTakeFirstOrThrow();
  fileId = row.id;
  neighbour = await accountWithRole(t, 'ndar-toute', 'citizen', '+221770000041');
});
afterAll(() => t.close());

const page = (key: string | null, query = '') => t.request(key, 'GET', `/ndar-toute/requests/${reference}${query}`);
const file = (key: string | null, query = '') => t.request(key, 'GET', `/ndar-toute/requests/procedure-files/${fileId}${query}`);

describe('the requester follows a procedure request', () => {
  it('shows the stage, the history and the answers to the requester by account or by code', async () => {
    for (const response of [await page('ndar-toute:citizen'), await page(null, `?code=${code}`)]) {
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Awa Diop Secretname');
      expect(response.body).toContain('id="stage-steps"');
      expect(response.body).toMatch(/id="current-stage">.*Reçue/);
      expect(response.body).toContain('piece.pdf');
    }
  });

  it('does not exist for anyone else: another resident, staff, the other commune, a wrong code', async () => {
    for (const [key, query] of [[null, ''], [null, '?code=AAAAAAAA'], [neighbour, ''], ['ndar-toute:staff', ''], ['ndar-toute:mediator', ''], ['tiznit-el-jadida:staff', '']] as const) {
      const response = await page(key, query);
      expect(response.statusCode, `${key} ${query}`).toBe(404);
      expect(response.body).not.toContain('Secretname');
    }
    const elsewhere = await t.request('tiznit-el-jadida:citizen', 'GET', `/tiznit-el-jadida/requests/${reference}?code=${code}`);
    expect(elsewhere.statusCode).toBe(404);
  });

  it('follows by reference and code through the follow form; without the code it is not found', async () => {
    const found = await t.request(null, 'GET', `/ndar-toute/requests/follow?reference=${encodeURIComponent(reference.toLowerCase().replace(/-/g, ' '))}&code=${code}`);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/ndar-toute/requests/${reference}?code=${code}`);
    const refused = await t.request(null, 'GET', `/ndar-toute/requests/follow?reference=${reference}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Secretname');
  });

  it('is listed in "my requests" with its kind and stage', async () => {
    const mine = await t.request('ndar-toute:citizen', 'GET', '/my-requests');
    expect(mine.body).toContain(reference);
    expect(mine.body).toContain('Démarche administrative');
    expect(mine.body).toContain('Reçue');
    const theirs = await t.request(neighbour, 'GET', '/my-requests');
    expect(theirs.body).not.toContain(reference);
  });

  it('serves the scan to the requester only (account or code), never to another resident or plain staff', async () => {
    expect((await file('ndar-toute:citizen')).statusCode).toBe(200);
    const byCode = await file(null, `?code=${code}`);
    expect(byCode.statusCode).toBe(200);
    expect(byCode.headers['content-type']).toContain('application/pdf');
    expect(byCode.headers['cache-control']).toBe('private, no-store');
    for (const key of [null, neighbour, 'ndar-toute:staff', 'tiznit-el-jadida:admin']) expect((await file(key)).statusCode, String(key)).toBe(404);
    expect((await t.request('tiznit-el-jadida:admin', 'GET', `/tiznit-el-jadida/requests/procedure-files/${fileId}`)).statusCode).toBe(404);
  });
});
