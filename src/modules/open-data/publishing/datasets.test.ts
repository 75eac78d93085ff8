import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { openDataDb } from '../db/open-data-db.js';
import { slugOf } from './form.js';
import { createdDataset, datasetForm } from './publishing-test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const od = () => openDataDb(t.services.db);
const revisions = (id: string) => od().selectFrom('open_data_revisions').selectAll().where('dataset_id', '=', id).orderBy('revision').execute();

describe('slugOf', () => {
  it('turns a French title into an address', () => {
    expect(slugOf('Budget 2026 – Écoles & Santé')).toBe('budget-2026-ecoles-sante');
    expect(slugOf('  ---  ')).toBe('');
  });
});

describe('staff datasets in the back-office', () => {
  it('lists the commune’s datasets for its staff, and for nobody else', async () => {
    const page = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Exécution du budget communal 2026');
    expect(page.body).not.toContain('Équipements publics');
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/data')).statusCode).toBe(403);
    expect((await t.request('ndar-toute:moderator', 'GET', '/ndar-toute/admin/data/new')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/ndar-toute/admin/data')).statusCode).toBe(303);
  });

  it('creates a draft named after the commune and the title, with its first revision and an audit entry', async () => {
    const id = await createdDataset(t, 'ndar-toute:staff', 'ndar-toute', { themes: ['ECON', 'GOVE'], keywords: 'marchés, achats, marchés', temporal_start: '2026-01-01', temporal_end: '2026-12-31' });
    const row = await od().selectFrom('open_data_datasets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'ndar-toute-marches-publics-2026', state: 'draft', revision: 1, themes: ['ECON', 'GOVE'], keywords: ['marchés', 'achats'], temporal_start: '2026-01-01' });
    const history = await revisions(id);
    expect(history).toHaveLength(1);
    expect(history[0]!.changes.map((c) => c.field)).toContain('title');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['open-data.dataset.created']);
    const page = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/data/${id}`);
    expect(page.body).toContain('Marchés publics 2026');
    expect(page.body).toContain('Brouillon');
  });

  it('refuses bad input with clear messages, keeps what was typed and stores nothing', async () => {
    const before = await od().selectFrom('open_data_datasets').select('id').execute();
    const refused = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/data', datasetForm({
      name: 'Pas Un Nom!', title_fr: 'Titre gardé', contact_email: 'pas-un-courriel', temporal_start: '2026-12-31', temporal_end: '2026-01-01', themes: ['ECON', 'NOPE'],
    }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Utilisez de 2 à 100 lettres minuscules');
    expect(refused.body).toContain('Saisissez une adresse électronique valide.');
    expect(refused.body).toContain('value="Titre gardé"');
    const taken = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/data', datasetForm({ name: 'ndar-toute-execution-budget-2026' }));
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Ce nom est déjà pris');
    expect(await od().selectFrom('open_data_datasets').select('id').execute()).toHaveLength(before.length);
  });

  it('versions every edit with who, when and what changed; an edit that changes nothing adds no revision', async () => {
    const id = await createdDataset(t, 'ndar-toute:staff', 'ndar-toute', { name: 'ndar-toute-versions' });
    const edit = (extra: Record<string, string>) => t.request('ndar-toute:admin', 'POST', `/ndar-toute/admin/data/${id}/edit`, datasetForm({ name: 'ndar-toute-versions', ...extra }));
    expect((await edit({ title_fr: 'Marchés publics 2026 (révisé)', version: '2' })).statusCode).toBe(303);
    expect((await edit({ title_fr: 'Marchés publics 2026 (révisé)', version: '2' })).headers.location).toBe(`/ndar-toute/admin/data/${id}`);
    const history = await revisions(id);
    expect(history.map((r) => r.revision)).toEqual([1, 2]);
    expect(history[1]!.changes).toEqual([
      { field: 'title', before: { fr: 'Marchés publics 2026' }, after: { fr: 'Marchés publics 2026 (révisé)' } },
      { field: 'version', before: null, after: '2' },
    ]);
    const page = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/data/${id}/history`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Marchés publics 2026 (révisé)');
    expect(page.body).toMatch(/<td>2<\/td>/);
  });

  it('publishes to the portal and the CKAN API, and withdraws from them', async () => {
    const id = await createdDataset(t, 'ndar-toute:staff', 'ndar-toute', { name: 'ndar-toute-a-publier' });
    const ckan = () => t.request(null, 'GET', '/ndar-toute/api/3/action/package_show?id=ndar-toute-a-publier');
    expect((await ckan()).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/data/${id}/state`, { state: 'published' })).statusCode).toBe(303);
    expect((await ckan()).json().result.title).toBe('Marchés publics 2026');
    expect((await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-a-publier')).statusCode).toBe(200);
    await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/data/${id}/state`, { state: 'withdrawn' });
    expect((await ckan()).statusCode).toBe(404);
    expect((await revisions(id)).at(-1)!.changes).toEqual([{ field: 'state', before: 'published', after: 'withdrawn' }]);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/data/${id}/state`, { state: 'deleted' })).statusCode).toBe(400);
  });

  it('keeps another commune’s datasets out of reach, whatever the address says', async () => {
    const tiznitId = await createdDataset(t, 'tiznit-el-jadida:staff', 'tiznit-el-jadida', { name: 'tiznit-secret' });
    for (const path of ['', '/edit', '/history']) expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/data/${tiznitId}${path}`)).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/data/${tiznitId}/state`, { state: 'published' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/data/${tiznitId}/edit`, datasetForm({ name: 'tiznit-secret' }))).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/data/not-a-uuid')).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'GET', '/tiznit-el-jadida/admin/data')).statusCode).toBe(403);
    const row = await od().selectFrom('open_data_datasets').select('state').where('id', '=', tiznitId).executeTakeFirstOrThrow();
    expect(row.state).toBe('draft');
  });

  it('escapes what staff type, everywhere it is shown', async () => {
    const id = await createdDataset(t, 'ndar-toute:staff', 'ndar-toute', { name: 'ndar-toute-xss', title_fr: '<script>alert(1)</script>', description_fr: '<img src=x onerror=alert(1)>' });
    for (const path of ['', '/history']) {
      const page = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/data/${id}${path}`);
      expect(page.body).not.toContain('<script>alert(1)');
      expect(page.body).not.toContain('<img src=x');
    }
  });
});
