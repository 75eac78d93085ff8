import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { openDataDb } from '../db/open-data-db.js';
import { importSettled } from '../import/import-test-helpers.js';
import { createdDataset } from './publishing-test-helpers.js';

let t: TestApp;
let datasetId: string;
let base: string;

// A small upload limit (about 2 KB), so "too large" needs no large file.
beforeAll(async () => {
  t = await createTestApp({ env: { DATA_UPLOAD_MAX_MB: '0.002' } });
  datasetId = await createdDataset(t, 'ndar-toute:staff', 'ndar-toute', { name: 'ndar-toute-marches' });
  base = `/ndar-toute/admin/data/${datasetId}`;
});
afterAll(() => t.close());

const od = () => openDataDb(t.services.db);
const resources = () => od().selectFrom('open_data_resources').selectAll().where('dataset_id', '=', datasetId).orderBy('position').execute();
const csv = (body: string) => ({ content: Buffer.from(body), filename: 'marchés 2026.csv', type: 'text/csv' });
const marches = 'Numéro;Objet;Montant\n1;Fournitures scolaires;1 250 000,50\n2;Curage des caniveaux;3 400 000\n';

describe('resources of a staff dataset', () => {
  it('stores an uploaded CSV with its size and SHA-256, versions it, and loads it into a table', async () => {
    const added = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/file`, { name: 'Marchés 2026', description: 'Un marché par ligne.' }, { file: csv(marches) });
    expect(added.statusCode, added.body).toBe(303);
    const [resource] = await resources();
    expect(resource).toMatchObject({ kind: 'file', format: 'CSV', filename: 'marches-2026.csv', byte_size: Buffer.byteLength(marches), description: { fr: 'Un marché par ligne.' } });
    expect(resource!.sha256).toBe(createHash('sha256').update(marches).digest('hex'));
    expect(await text(t.services.storage.read(resource!.storage_key!))).toBe(marches);
    expect(await importSettled(t, 'ndar-toute', resource!.id)).toMatchObject({ state: 'done', rows_loaded: 2 });
    const history = await od().selectFrom('open_data_revisions').select('changes').where('dataset_id', '=', datasetId).orderBy('revision', 'desc').executeTakeFirstOrThrow();
    expect(history.changes[0]).toMatchObject({ field: 'resources[Marchés 2026]', before: null, after: { format: 'CSV', sha256: resource!.sha256 } });
    const page = await t.request('ndar-toute:staff', 'GET', base);
    expect(page.body).toContain(`/ndar-toute/admin/data/resources/${resource!.id}/import`);
    expect(page.body).toContain(`/ndar-toute/data/resources/${resource!.id}`);
  });

  it('serves the file at its CKAN address once the dataset is published', async () => {
    const [resource] = await resources();
    const address = `/ndar-toute/dataset/ndar-toute-marches/resource/${resource!.id}/download/marches-2026.csv`;
    expect((await t.request(null, 'GET', address)).statusCode).toBe(404);
    await t.request('ndar-toute:staff', 'POST', `${base}/state`, { state: 'published' });
    const download = await t.request(null, 'GET', address);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(marches);
    const ckan = (await t.request(null, 'GET', '/ndar-toute/api/3/action/package_show?id=ndar-toute-marches')).json();
    expect(ckan.result.resources[0]).toMatchObject({ format: 'CSV', size: Buffer.byteLength(marches), datastore_active: true });
  });

  it('refuses a missing, oversized or mislabelled file, and keeps nothing of it', async () => {
    const before = await resources();
    const missing = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/file`, { name: 'Sans fichier' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Choisissez un fichier.');
    expect(missing.body).toContain('value="Sans fichier"');
    const large = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/file`, { name: 'Trop gros' }, { file: csv(`a;b\n${'1;2\n'.repeat(1000)}`) });
    expect(large.statusCode).toBe(422);
    expect(large.body).toContain('Ce fichier dépasse la taille maximale');
    const fakePdf = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/file`, { name: 'Faux PDF' }, { file: { content: Buffer.from('pas un pdf'), filename: 'rapport.pdf', type: 'application/pdf' } });
    expect(fakePdf.statusCode).toBe(422);
    expect(fakePdf.body).toContain('Format non accepté');
    const noName = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/file`, { name: '' }, { file: csv(marches) });
    expect(noName.statusCode).toBe(422);
    expect(await resources()).toHaveLength(before.length);
  });

  it('adds a link with a web address only', async () => {
    const refused = await t.request('ndar-toute:staff', 'POST', `${base}/resources/link`, { link_name: 'Piège', url: 'javascript:alert(1)', format: 'HTML' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Saisissez une adresse web commençant par http:// ou https://.');
    const added = await t.request('ndar-toute:staff', 'POST', `${base}/resources/link`, { link_name: 'Portail national', url: 'https://data.example.org/marches', format: 'HTML' });
    expect(added.statusCode).toBe(303);
    expect((await resources()).at(-1)).toMatchObject({ kind: 'link', url: 'https://data.example.org/marches', format: 'HTML', storage_key: null });
  });

  it('replaces a file: the new bytes are served and loaded, the old ones are gone, the history keeps both hashes', async () => {
    const [resource] = await resources();
    const updated = `${marches}3;Éclairage public;900 000\n`;
    const replaced = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/${resource!.id}/replace`, {}, { file: csv(updated) });
    expect(replaced.statusCode, replaced.body).toBe(303);
    const [after] = await resources();
    expect(after!.sha256).toBe(createHash('sha256').update(updated).digest('hex'));
    expect(await importSettled(t, 'ndar-toute', resource!.id)).toMatchObject({ state: 'done', rows_loaded: 3 });
    await expect(text(t.services.storage.read(resource!.storage_key!))).rejects.toThrow();
    const change = (await od().selectFrom('open_data_revisions').select('changes').where('dataset_id', '=', datasetId).orderBy('revision', 'desc').executeTakeFirstOrThrow()).changes[0]!;
    expect(change).toMatchObject({ before: { sha256: resource!.sha256 }, after: { sha256: after!.sha256 } });
    const refused = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/${resource!.id}/replace`, {}, { file: { content: Buffer.from('du texte, pas un PDF'), filename: 'x.pdf', type: 'application/pdf' } });
    expect(refused.statusCode).toBe(422);
    expect(await text(t.services.storage.read(after!.storage_key!))).toBe(updated);
  });

  it('deletes a resource with its file and its table', async () => {
    const [resource] = await resources();
    const deleted = await t.request('ndar-toute:staff', 'POST', `${base}/resources/${resource!.id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect((await resources()).map((r) => r.id)).not.toContain(resource!.id);
    await expect(text(t.services.storage.read(resource!.storage_key!))).rejects.toThrow();
    expect((await t.request(null, 'GET', `/ndar-toute/data/resources/${resource!.id}`)).statusCode).toBe(404);
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', resource!.id).orderBy('created_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['open-data.resource.added', 'open-data.import.start', 'open-data.resource.replaced', 'open-data.import.start', 'open-data.resource.deleted']);
  });

  it('lets no one reach another commune’s resources, nor upload without the CSRF token', async () => {
    const tiznit = await createdDataset(t, 'tiznit-el-jadida:staff', 'tiznit-el-jadida', { name: 'tiznit-marches' });
    const theirs = await postMultipart(t, 'ndar-toute:staff', `/ndar-toute/admin/data/${tiznit}/resources/file`, { name: 'Intrus' }, { file: csv(marches) });
    expect(theirs.statusCode).toBe(404);
    const noToken = await postMultipart(t, 'ndar-toute:staff', `${base}/resources/file`, { name: 'Sans jeton' }, { file: csv(marches) }, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    const citizen = await postMultipart(t, 'ndar-toute:citizen', `${base}/resources/file`, { name: 'Citoyen' }, { file: csv(marches) });
    expect(citizen.statusCode).toBe(403);
    const names = (await od().selectFrom('open_data_resources').select('name').execute()).map((r) => r.name);
    expect(names).not.toContain('Intrus');
    expect(names).not.toContain('Citoyen');
  });
});
