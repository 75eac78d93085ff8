import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertnessProblems } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { twinningDb } from './tables.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;
beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

const ndarAdmin = '/ndar-toute/admin/network/twinnings';
const tiznitAdmin = '/tiznit-el-jadida/admin/network/twinnings';
const twinningIdFrom = (location: unknown) => String(location).match(/twinnings\/([0-9a-f-]{36})/)?.[1] ?? '';
const findTwinning = (id: string) => twinningDb(t.services.db).selectFrom('network_twinnings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function declare(key: string, path: string, form: Record<string, string>) {
  const response = await t.request(key, 'POST', path, { started_on: '2026-01-10', goals_fr: 'Objectifs partagés', ...form });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
  return twinningIdFrom(response.headers.location);
}

describe('the seeded twinnings on both sides', () => {
  it('each commune’s page shows its twinnings with both sides, as declarer or partner', async () => {
    const ndar = await t.request(null, 'GET', '/ndar-toute/twinnings');
    expect(ndar.statusCode).toBe(200);
    expect(ndar.body).toContain('Tiznit El Jadida');
    expect(ndar.body).toContain('Ville de Lille');
    expect(ndar.body).toContain('(France)');
    expect(ndar.body).toContain('Visite d’une délégation de Tiznit à Ndar Toute');
    const tiznit = await t.request(null, 'GET', '/tiznit-el-jadida/twinnings');
    expect(tiznit.body).toContain('Ndar Toute');
    expect(tiznit.body).not.toContain('Ville de Lille');
  });

  it('the network page lists every active twinning with countries', async () => {
    const page = await t.request(null, 'GET', '/network/twinnings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ville de Lille');
    expect(page.body).toContain('(Maroc)');
    expect(page.body).toContain('(Sénégal)');
  });
});

describe('declaring, confirming, declining and ending', () => {
  it('a partner outside the install is active at once and shows on both public pages', async () => {
    const id = await declare('tiznit-el-jadida:staff', tiznitAdmin, { partner_name: 'Ville de Québec', partner_country: 'ca', partner_url: 'https://www.ville.quebec.qc.ca' });
    expect(await findTwinning(id)).toMatchObject({ status: 'active', commune_id: tiznitId, partner_commune_id: null, partner_country: 'CA' });
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/twinnings')).body).toContain('Ville de Québec');
    expect((await t.request(null, 'GET', '/network/twinnings')).body).toContain('(Canada)');
  });

  it('a partner on the install confirms from its own back-office before anything is public', async () => {
    const id = await declare('tiznit-el-jadida:admin', tiznitAdmin, { partner_commune_id: ndarId, goals_fr: 'Jumelage à confirmer' });
    expect(await findTwinning(id)).toMatchObject({ status: 'proposed', partner_commune_id: ndarId });
    expect((await t.request(null, 'GET', '/ndar-toute/twinnings')).body).not.toContain('Jumelage à confirmer');
    const inbox = await t.request('ndar-toute:staff', 'GET', ndarAdmin);
    expect(inbox.body).toContain('Propositions à confirmer');
    expect(inbox.body).toContain(`${ndarAdmin}/${id}/confirm`);

    // The declarer cannot confirm its own proposal, nor another commune's staff.
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `${tiznitAdmin}/${id}/confirm`, {})).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `${ndarAdmin}/${id}/confirm`, {})).statusCode).toBe(403);
    expect((await findTwinning(id)).status).toBe('proposed');

    expect((await t.request('ndar-toute:staff', 'POST', `${ndarAdmin}/${id}/confirm`, {})).statusCode).toBe(303);
    expect((await findTwinning(id)).status).toBe('active');
    expect((await t.request(null, 'GET', '/ndar-toute/twinnings')).body).toContain('Jumelage à confirmer');
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/twinnings')).body).toContain('Jumelage à confirmer');
    // Answered once: a second answer finds nothing to answer.
    expect((await t.request('ndar-toute:staff', 'POST', `${ndarAdmin}/${id}/decline`, {})).statusCode).toBe(404);
    const audit = await t.services.db.selectFrom('audit_log').select(['action', 'commune_id']).where('resource_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'network.twinning.declared', commune_id: tiznitId }, { action: 'network.twinning.confirmed', commune_id: ndarId }]);
  });

  it('a partner may decline; a declined twinning is never public', async () => {
    const id = await declare('ndar-toute:staff', ndarAdmin, { partner_commune_id: tiznitId, goals_fr: 'Jumelage refusé' });
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `${tiznitAdmin}/${id}/decline`, {})).statusCode).toBe(303);
    expect((await findTwinning(id)).status).toBe('declined');
    expect((await t.request(null, 'GET', '/network/twinnings')).body).not.toContain('Jumelage refusé');
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/twinnings')).body).not.toContain('Jumelage refusé');
  });

  it('the declarer edits, adds activities and ends; an ended twinning moves to the past', async () => {
    const id = await declare('ndar-toute:admin', ndarAdmin, { partner_name: 'Comuna de Bissau Velho', partner_country: 'GW' });
    expect((await t.request('ndar-toute:admin', 'POST', `${ndarAdmin}/${id}`, { started_on: '2025-05-05', goals_fr: 'Objectifs revus', partner_name: 'Bissau Velho', partner_country: 'GW' })).statusCode).toBe(303);
    expect(await findTwinning(id)).toMatchObject({ partner_name: 'Bissau Velho', started_on: '2025-05-05', goals: { fr: 'Objectifs revus' } });
    expect((await t.request('ndar-toute:admin', 'POST', `${ndarAdmin}/${id}/activities`, { date: '2025-07-01', title: 'Échange de jeunes', link: 'https://example.org/compte-rendu' })).statusCode).toBe(303);
    const refused = await t.request('ndar-toute:admin', 'POST', `${ndarAdmin}/${id}/activities`, { date: '2025-07-02', title: 'Lien piégé', link: 'javascript:alert(1)' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('http:// ou https://');
    expect((await t.request('ndar-toute:admin', 'POST', `${ndarAdmin}/${id}/end`, { ended_on: '2026-02-01' })).statusCode).toBe(303);
    expect(await findTwinning(id)).toMatchObject({ status: 'ended', ended_on: '2026-02-01' });
    const page = (await t.request(null, 'GET', '/ndar-toute/twinnings')).body;
    expect(page.indexOf('Bissau Velho')).toBeGreaterThan(page.indexOf('id="past-twinnings"'));
    expect(page).toContain('Échange de jeunes');
    expect((await t.request(null, 'GET', '/network/twinnings')).body).not.toContain('Bissau Velho');
    expect((await t.request('ndar-toute:admin', 'POST', `${ndarAdmin}/${id}/end`, { ended_on: '2026-02-02' })).statusCode).toBe(409);
    const actions = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['network.twinning.declared', 'network.twinning.updated', 'network.twinning.activity_added', 'network.twinning.ended']);
  });

  it('re-shows a refused declaration with what was typed and the reasons', async () => {
    const response = await t.request('ndar-toute:staff', 'POST', ndarAdmin, { partner_name: '', partner_country: 'France', goals_fr: 'Mes objectifs gardés', started_on: '2026-01-01' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Mes objectifs gardés');
    expect(response.body).toContain('Choisissez une commune du réseau');
    expect(response.body).toContain('Indiquez le code du pays en deux lettres.');
    const self = await t.request('ndar-toute:staff', 'POST', ndarAdmin, { partner_commune_id: ndarId, goals_fr: 'Avec soi-même', started_on: '2026-01-01' });
    expect(self.statusCode).toBe(422);
  });
});

describe('access', () => {
  it('refuses citizens and other communes’ staff; another commune’s twinning is not found through one’s own', async () => {
    const [seeded] = await twinningDb(t.services.db).selectFrom('network_twinnings').select('id').where('commune_id', '=', ndarId).where('partner_commune_id', '=', tiznitId).execute();
    expect((await t.request('ndar-toute:citizen', 'GET', ndarAdmin)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `${ndarAdmin}/${seeded!.id}`)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `${tiznitAdmin}/${seeded!.id}`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `${tiznitAdmin}/${seeded!.id}/end`, { ended_on: '2026-01-01' })).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `${tiznitAdmin}/${seeded!.id}`, { goals_fr: 'Pris', started_on: '2026-01-01' })).statusCode).toBe(404);
    expect((await findTwinning(seeded!.id)).status).toBe('active');
    expect((await t.request('platform-admin', 'GET', ndarAdmin)).statusCode).toBe(200);
  });

  it('refuses a form without its CSRF token', async () => {
    const cookie = await t.cookiesFor('ndar-toute:staff');
    const response = await t.app.inject({ method: 'POST', url: ndarAdmin, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'partner_name=X&partner_country=FR&goals_fr=x&started_on=2026-01-01' });
    expect(response.statusCode).toBe(403);
  });

  it('keeps hostile partner names and goals inert', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await declare('ndar-toute:staff', ndarAdmin, { partner_name: hostile, partner_country: 'FR', goals_fr: hostile });
    for (const url of ['/ndar-toute/twinnings', '/network/twinnings']) expect(inertnessProblems((await t.request(null, 'GET', url)).body), url).toEqual([]);
    expect(inertnessProblems((await t.request('ndar-toute:staff', 'GET', ndarAdmin)).body)).toEqual([]);
  });
});
