import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { changeComplaintStatus } from './commands/complaint-commands.js';
import { findByReference } from './queries/request-queries.js';
import { scoped } from './queries/requests-db.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;

const referenceIn = (html: string) => /(PL-\d{4}-\d{5})/.exec(html)?.[1];

async function file(key: string, slug: string, communeId: string, description: string) {
  const category = await scoped(t.services.db, communeId).selectFrom('request_categories').select('id').where('code', '=', 'waste').executeTakeFirstOrThrow();
  const response = await postMultipart(t, key, `/${slug}/requests/new`, { category: category.id, description });
  expect(response.statusCode).toBe(201);
  return referenceIn(response.body)!;
}

/** The table row of one request on the "my requests" page. */
const rowOf = (html: string, reference: string) => html.split('<tr').find((row) => row.includes(`>${reference}<`));
const isMarked = (html: string, reference: string) => rowOf(html, reference)!.startsWith(' class="changed"');

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

describe('my requests', () => {
  it('lists what the person filed in every commune, with the commune, kind, status and due date', async () => {
    const inNdar = await file('ndar-toute:citizen', 'ndar-toute', ndarId, 'Caniveau bouché devant la pharmacie.');
    const inTiznit = await file('ndar-toute:citizen', 'tiznit-el-jadida', tiznitId, 'Poubelle renversée près du souk.');
    const page = await t.request('ndar-toute:citizen', 'GET', '/my-requests');
    expect(page.statusCode).toBe(200);
    expect(rowOf(page.body, inNdar)).toContain('Ndar Toute');
    expect(rowOf(page.body, inTiznit)).toContain('Tiznit El Jadida');
    expect(rowOf(page.body, inNdar)).toContain(`href="/ndar-toute/requests/${inNdar}"`);
    expect(rowOf(page.body, inNdar)).toContain('Signalement');
    expect(rowOf(page.body, inNdar)).toContain('Reçue');
    const row = (await findByReference(t.services.db, ndarId, inNdar))!;
    expect(rowOf(page.body, inNdar)).toContain(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(row.due_on!)));
    // Someone else's requests are not there, nor are these in someone else's list.
    const other = await t.request('tiznit-el-jadida:citizen', 'GET', '/my-requests');
    expect(other.body).not.toContain(inNdar);
    expect(other.body).not.toContain(inTiznit);
  });

  it('marks a request whose timeline changed until its author opens it; their own replies do not count', async () => {
    const reference = await file('ndar-toute:citizen', 'ndar-toute', ndarId, 'Fuite d’eau sur la conduite principale.');
    expect(isMarked((await t.request('ndar-toute:citizen', 'GET', '/my-requests')).body, reference)).toBe(false);
    const row = (await findByReference(t.services.db, ndarId, reference))!;
    await changeComplaintStatus(t.services.db, row, { stateCode: 'acknowledged', note: 'Nous passons demain.', actorUserId: t.users.get('ndar-toute:staff')! });
    const marked = await t.request('ndar-toute:citizen', 'GET', '/my-requests');
    expect(isMarked(marked.body, reference)).toBe(true);
    expect(rowOf(marked.body, reference)).toContain('nouveau');
    // Someone else opening it does not clear the author's marker.
    await t.request('ndar-toute:staff', 'GET', `/ndar-toute/requests/${reference}`);
    expect(isMarked((await t.request('ndar-toute:citizen', 'GET', '/my-requests')).body, reference)).toBe(true);
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/requests/${reference}`)).statusCode).toBe(200);
    expect(isMarked((await t.request('ndar-toute:citizen', 'GET', '/my-requests')).body, reference)).toBe(false);
    await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/requests/${reference}/reply`, { body: 'Merci, je serai là.' });
    expect(isMarked((await t.request('ndar-toute:citizen', 'GET', '/my-requests')).body, reference)).toBe(false);
  });

  it('is for signed-in people, linked beside their account', async () => {
    const anonymous = await t.request(null, 'GET', '/my-requests');
    expect(anonymous.statusCode).not.toBe(200);
    const empty = await t.request('tiznit-el-jadida:staff', 'GET', '/my-requests');
    expect(empty.body).toContain('Vous n’avez encore déposé aucune demande avec ce compte.');
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/requests')).body).toContain('href="/my-requests"');
  });
});
