import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { procedureDb } from './tables.js';
import { accountWithRole, birthForm, pdfScan } from './test-helpers.js';

/**
 * Every route of administrative-procedure requests, replayed by those who must not read or change a request:
 * another resident, staff of the other commune, plain staff without the civil-status role, a mediator, anonymous
 * visitors without the code. Distinctive strings of the request must never appear in what they get.
 */
let t: TestApp;
let ids: { request: string; reference: string; code: string; file: string; procedure: string; field: string };
let outsiders: (string | null)[];
const secrets = ['Zyxwv Secretname', 'zyxwv-scan.pdf', '+221770000005'];

beforeAll(async () => {
  t = await createTestApp();
  const birth = await birthForm(t);
  const filed = await postMultipart(t, 'ndar-toute:citizen', `/ndar-toute/services/${birth.id}/request`, { f_nom_enfant: 'Zyxwv Secretname', f_copies: '2' }, { f_piece: { ...pdfScan, filename: 'zyxwv-scan.pdf' } });
  expect(filed.statusCode).toBe(201);
  const reference = /DA-\d{4}-\d{5}/.exec(filed.body)![0];
  const row = await procedureDb(t.services.db).selectFrom('requests').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  const file = await procedureDb(t.services.db).selectFrom('request_files').select('id').where('request_id', '=', row.id).executeTakeFirstOrThrow();
  const field = await procedureDb(t.services.db).selectFrom('request_procedure_fields').select('id').where('service_id', '=', birth.id).executeTakeFirstOrThrow();
  ids = { request: row.id, reference, code: /code=([A-Z0-9]{8})/.exec(filed.body)![1]!, file: file.id, procedure: birth.id, field: field.id };
  const neighbour = await accountWithRole(t, 'ndar-toute', 'citizen', '+221770000061');
  const otherOffice = await accountWithRole(t, 'tiznit-el-jadida', 'civil_status', '+212600000061');
  outsiders = [null, neighbour, 'ndar-toute:staff', 'ndar-toute:moderator', 'tiznit-el-jadida:admin', 'tiznit-el-jadida:staff', otherOffice, 'tiznit-el-jadida:citizen'];
});
afterAll(() => t.close());

const stateOf = () => procedureDb(t.services.db).selectFrom('requests').select(['stage', 'updated_at']).where('id', '=', ids.request).executeTakeFirstOrThrow();
const denied = (status: number) => [302, 303, 401, 403, 404].includes(status);

function readRoutes(): string[] {
  const n = '/ndar-toute';
  return [
    `${n}/requests/${ids.reference}`,
    `${n}/requests/${ids.reference}?code=WRONGCOD`,
    `${n}/requests/follow?reference=${ids.reference}`,
    `${n}/requests/procedure-files/${ids.file}`,
    `/tiznit-el-jadida/requests/procedure-files/${ids.file}`,
    `/tiznit-el-jadida/requests/${ids.reference}`,
    `${n}/admin/requests/procedures`,
    `${n}/admin/requests/procedures/${ids.request}`,
    `/tiznit-el-jadida/admin/requests/procedures/${ids.request}`,
    `${n}/admin/requests/${ids.request}`,
    `${n}/open311/v2/requests/${ids.reference}.json`,
    `${n}/open311/v2/requests.json`,
    `/my-requests`,
  ];
}

describe('privacy of procedure requests on every route', () => {
  it('reads: nothing leaks to anyone but the requester and the civil-status office', async () => {
    for (const key of outsiders) {
      for (const url of readRoutes()) {
        const response = await t.request(key, 'GET', url);
        for (const secret of secrets) expect(response.body, `${key} ${url}`).not.toContain(secret);
        if (!url.endsWith('/my-requests') && !url.endsWith('requests.json')) expect(denied(response.statusCode), `${key} ${url} → ${response.statusCode}`).toBe(true);
      }
    }
  });

  it('writes: no outsider moves the request, replies to it, or changes its form', async () => {
    const before = await stateOf();
    const fieldsBefore = await procedureDb(t.services.db).selectFrom('request_procedure_fields').selectAll().where('service_id', '=', ids.procedure).execute();
    const n = '/ndar-toute';
    const posts: [string, Record<string, string>][] = [
      [`${n}/admin/requests/procedures/${ids.request}/stage`, { from: 'received', to: 'refused', reason: 'intrusion' }],
      [`/tiznit-el-jadida/admin/requests/procedures/${ids.request}/stage`, { from: 'received', to: 'refused', reason: 'intrusion' }],
      [`${n}/requests/${ids.reference}/reply`, { body: 'intrusion', code: 'WRONGCOD' }],
      [`${n}/admin/requests/procedure-forms/${ids.procedure}/fields/${ids.field}/remove`, {}],
      [`/tiznit-el-jadida/admin/requests/procedure-forms/${ids.procedure}/fields/${ids.field}/remove`, {}],
      [`/tiznit-el-jadida/admin/requests/procedure-forms/${ids.procedure}/fields`, { key: 'intrus', kind: 'text', label_fr: 'Intrus' }],
      [`/tiznit-el-jadida/services/${ids.procedure}/request`, { f_nom_enfant: 'Intrus', f_copies: '1' }],
      [`/tiznit-el-jadida/admin/requests/on-behalf/procedures/${ids.procedure}`, { f_nom_enfant: 'Intrus', f_copies: '1', person_name: 'X' }],
    ];
    for (const key of outsiders.filter((k) => k !== 'ndar-toute:staff')) {
      for (const [url, form] of posts) {
        const response = await t.request(key, 'POST', url, form);
        expect(denied(response.statusCode), `${key} POST ${url} → ${response.statusCode}`).toBe(true);
        for (const secret of secrets) expect(response.body).not.toContain(secret);
      }
    }
    // Plain staff define forms but never handle the requests.
    const staffMove = await t.request('ndar-toute:staff', 'POST', `${n}/admin/requests/procedures/${ids.request}/stage`, { from: 'received', to: 'refused', reason: 'intrusion' });
    expect(staffMove.statusCode).toBe(403);
    expect(await stateOf()).toEqual(before);
    expect(await procedureDb(t.services.db).selectFrom('request_procedure_fields').selectAll().where('service_id', '=', ids.procedure).execute()).toEqual(fieldsBefore);
    const events = await procedureDb(t.services.db).selectFrom('request_events').select('kind').where('request_id', '=', ids.request).execute();
    expect(events.map((e) => e.kind)).toEqual(['submitted']);
    const intruders = await procedureDb(t.services.db).selectFrom('requests').select('id').where('kind', '=', 'procedure').where('procedure_id', '=', ids.procedure).execute();
    expect(intruders).toHaveLength(1);
  });

  it('opens to the requester and the civil-status office of the commune', async () => {
    const requester = await t.request(null, 'GET', `/ndar-toute/requests/${ids.reference}?code=${ids.code}`);
    expect(requester.body).toContain('Zyxwv Secretname');
    const office = await accountWithRole(t, 'ndar-toute', 'civil_status', '+221770000062');
    const page = await t.request(office, 'GET', `/ndar-toute/admin/requests/procedures/${ids.request}`);
    expect(page.body).toContain('Zyxwv Secretname');
    const scan = await t.request(office, 'GET', `/ndar-toute/requests/procedure-files/${ids.file}`);
    expect(scan.statusCode).toBe(200);
    const audited = await t.services.db.selectFrom('audit_log').select('details').where('action', '=', 'request.personal_data_viewed').where('resource_id', '=', ids.request).execute();
    expect(audited).toHaveLength(2);
  });
});
