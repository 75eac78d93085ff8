import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems } from '../../../test-support/inert-html.js';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { practicesDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const staff = 'ndar-toute:staff';
const admin = '/ndar-toute/admin/network/practices';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

const practiceForm = (overrides: Record<string, string | string[]> = {}) => ({
  title_fr: 'Cantines scolaires gérées avec les parents',
  summary_fr: 'Les comités de parents suivent les achats des cantines.',
  body_fr: 'Chaque école affiche ses **achats** du mois.',
  results_en: 'Food costs fell by a fifth.',
  principles: ['accountability', 'participation'],
  modules: ['participation'],
  contact_name: 'Aïda Sy',
  contact_role: 'Chargée de l’éducation',
  contact_email: 'aida@ndar-toute.example',
  contact_phone: '+221 77 123 45 67',
  ...overrides,
});

async function createPractice(form = practiceForm()): Promise<string> {
  const response = await t.request(staff, 'POST', admin, form);
  expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
  return String(response.headers.location).split('/').pop()!;
}

const practiceRow = (id: string) => practicesDb(t.services.db).selectFrom('network_practices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditActions = async (id: string) => (await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).orderBy('created_at').execute()).map((r) => r.action);

describe('staff write their commune’s good practices', () => {
  it('creates a draft invisible to the public, publishes it, and audits every step', async () => {
    const id = await createPractice();
    const row = await practiceRow(id);
    expect(row).toMatchObject({ commune_id: await t.communeId('ndar-toute'), status: 'draft', principles: ['accountability', 'participation'], modules: ['participation'], created_by: t.users.get(staff) });
    expect(row.title).toEqual({ fr: 'Cantines scolaires gérées avec les parents' });
    expect(row.results).toEqual({ en: 'Food costs fell by a fifth.' });

    expect((await t.request(null, 'GET', `/network/practices/${id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/network/practices?q=cantines')).body).not.toContain(id);
    expect((await t.request(null, 'GET', '/ndar-toute/practices')).body).not.toContain('Cantines scolaires');
    const list = await t.request(staff, 'GET', admin);
    expect(list.body).toContain('Cantines scolaires gérées avec les parents');

    expect((await t.request(staff, 'POST', `${admin}/${id}/status`, { status: 'published' })).statusCode).toBe(303);
    const page = await t.request(null, 'GET', `/network/practices/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>achats</strong>');
    expect(page.body).toContain('href="mailto:aida@ndar-toute.example"');
    expect(page.body).toContain('href="tel:+221771234567"');
    // Results exist only in English: shown with a note saying so.
    expect(page.body).toContain('Food costs fell by a fifth.');
    expect(page.body).toContain('traduction manquante : texte original en English');
    expect((await t.request(null, 'GET', '/ndar-toute/practices')).body).toContain(`/network/practices/${id}`);

    expect((await t.request(staff, 'POST', `${admin}/${id}`, practiceForm({ title_fr: 'Cantines scolaires suivies par les parents' }))).statusCode).toBe(303);
    expect((await practiceRow(id)).title).toEqual({ fr: 'Cantines scolaires suivies par les parents' });
    expect((await t.request(staff, 'POST', `${admin}/${id}/status`, { status: 'draft' })).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/network/practices/${id}`)).statusCode).toBe(404);
    expect(await auditActions(id)).toEqual(['network.practice.created', 'network.practice.published', 'network.practice.updated', 'network.practice.unpublished']);
  });

  it('refuses a practice without a title or a principle, or with a bad contact, and keeps what was typed', async () => {
    const before = await practicesDb(t.services.db).selectFrom('network_practices').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await t.request(staff, 'POST', admin, practiceForm({ title_fr: '', principles: [], contact_email: 'pas-une-adresse', summary_fr: 'Résumé gardé' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Donnez un titre dans au moins une langue.');
    expect(response.body).toContain('Choisissez au moins un principe.');
    expect(response.body).toContain('Adresse électronique invalide.');
    expect(response.body).toContain('Résumé gardé');
    expect(response.body).toMatch(/id="modules-participation" name="modules" value="participation" checked/);
    const unknownModule = await t.request(staff, 'POST', admin, practiceForm({ modules: ['no-such-module'] }));
    expect(unknownModule.statusCode).toBe(422);
    const after = await practicesDb(t.services.db).selectFrom('network_practices').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // A title in Arabic alone is enough.
    expect((await t.request(staff, 'POST', admin, practiceForm({ title_fr: '', title_ar: 'ممارسة جيدة' }))).statusCode).toBe(303);
  });

  it('says on the form that the contact will be public', async () => {
    const page = await t.request(staff, 'GET', `${admin}/new`);
    expect(page.body).toContain('Ce contact sera public, exprès');
    // Tags are the install's feature modules, not platform areas such as sign-in.
    expect(page.body).toContain('value="participation"');
    expect(page.body).toContain('value="open-data"');
    expect(page.body).not.toContain('value="auth"');
  });
});

describe('another commune’s staff cannot touch the practices', () => {
  it('refuses the other commune’s back-office, and its ids through one’s own commune, changing nothing', async () => {
    const id = await createPractice();
    const before = await practiceRow(id);
    for (const attacker of ['tiznit-el-jadida:staff', 'tiznit-el-jadida:admin']) {
      expect((await t.request(attacker, 'GET', admin)).statusCode).toBe(403);
      expect((await t.request(attacker, 'POST', `${admin}/${id}`, practiceForm({ title_fr: 'Piraté' }))).statusCode).toBe(403);
      const own = '/tiznit-el-jadida/admin/network/practices';
      expect((await t.request(attacker, 'GET', `${own}/${id}`)).statusCode).toBe(404);
      expect((await t.request(attacker, 'POST', `${own}/${id}`, practiceForm({ title_fr: 'Piraté' }))).statusCode).toBe(404);
      expect((await t.request(attacker, 'POST', `${own}/${id}/status`, { status: 'published' })).statusCode).toBe(404);
    }
    for (const outsider of ['ndar-toute:citizen', 'ndar-toute:moderator']) expect((await t.request(outsider, 'GET', admin)).statusCode).toBe(403);
    expect((await t.request(null, 'GET', admin)).statusCode).toBe(303);
    expect(await practiceRow(id)).toEqual(before);
  });
});

describe('the network’s library', () => {
  it('finds practices by words in any language, stemmed, and filters by principle, module and country', async () => {
    const search = async (query: string) => (await t.request(null, 'GET', `/network/practices?${query}`)).body;
    const seeded = await search('');
    expect(seeded).toContain('Le budget sous l’arbre à palabres');
    expect(seeded).not.toContain('Registre ouvert des marchés publics');

    expect(await search('q=budgets')).toContain('Le budget sous l’arbre à palabres');
    expect(await search('q=budgets')).not.toContain('Une ligne SMS pour les plaintes');
    expect(await search('q=complaint')).toContain('Une ligne SMS pour les plaintes');
    expect(await search(`q=${encodeURIComponent('الإذاعة')}`)).toContain('Les séances du conseil diffusées');
    expect(await search('q=zzzqqq')).toContain('Aucune bonne pratique ne correspond.');

    const byCountry = await search('country=MA');
    expect(byCountry).toContain('Les séances du conseil diffusées');
    expect(byCountry).not.toContain('Le budget sous l’arbre à palabres');
    const byPrinciple = await search('principle=innovation');
    expect(byPrinciple).toContain('Une ligne SMS pour les plaintes');
    expect(byPrinciple).not.toContain('Cercles de consultation des femmes');
    const byModule = await search('module=finances');
    expect(byModule).toContain('Le budget sous l’arbre à palabres');
    expect(byModule).not.toContain('Une ligne SMS pour les plaintes');
    expect(await search('principle=participation&country=SN&q=femmes')).toContain('Cercles de consultation des femmes');
    // Unknown filter values are ignored rather than failing the page.
    expect((await t.request(null, 'GET', '/network/practices?principle=<x>&page=-3&country=123')).statusCode).toBe(200);
  });

  it('shows a seeded practice with its document, served as a PDF', async () => {
    const library = (await t.request(null, 'GET', '/network/practices?q=palabres')).body;
    const href = library.match(/href="(\/network\/practices\/[0-9a-f-]{36})"/)?.[1];
    const page = await t.request(null, 'GET', href!);
    expect(page.body).toContain('Le budget sous l’arbre à palabres');
    const file = page.body.match(/href="(\/files\/[0-9a-f-]{36})">Budget 2026 sous l’arbre à palabres : déroulé d’une séance</)?.[1];
    const served = await t.request(null, 'GET', file!);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('pages through many practices', async () => {
    const communeId = await t.communeId('tiznit-el-jadida');
    await practicesDb(t.services.db)
      .insertInto('network_practices')
      .values(Array.from({ length: 25 }, (_, n) => ({ commune_id: communeId, title: JSON.stringify({ fr: `Pratique de pagination ${n}` }), principles: '["innovation"]', search_text: 'pagination', status: 'published' as const, published_at: new Date(Date.UTC(2026, 0, n + 1)) })))
      .execute();
    const first = await t.request(null, 'GET', '/network/practices?q=pagination');
    expect(first.body).toContain('25 bonne(s) pratique(s)');
    expect(first.body).toContain('Page 1 sur 2');
    expect(first.body).toContain('href="/network/practices?q=pagination&page=2"');
    expect(first.body.match(/class="card practice-card"/g)).toHaveLength(20);
    const second = await t.request(null, 'GET', '/network/practices?q=pagination&page=2');
    expect(second.body.match(/class="card practice-card"/g)).toHaveLength(5);
  });

  it('shows hostile text typed in a practice as inert text', async () => {
    for (const hostile of hostileStrings.slice(0, 7)) {
      const id = await createPractice(practiceForm({ title_fr: hostile.value.slice(0, 300), summary_fr: hostile.value, body_fr: hostile.value, results_fr: hostile.value, contact_name: hostile.value.slice(0, 200) }));
      expect((await t.request(staff, 'POST', `${admin}/${id}/status`, { status: 'published' })).statusCode).toBe(303);
      for (const [key, url] of [[null, `/network/practices/${id}`], [null, '/network/practices'], [null, '/ndar-toute/practices'], [staff, `${admin}/${id}`], [staff, admin]] as const) {
        const page = await t.request(key, 'GET', url);
        expect(inertnessProblems(page.body), `${hostile.name} on ${url}`).toEqual([]);
      }
    }
  });
});

describe('documents of a practice', () => {
  it('stores a PDF and a photo checked from their bytes, refuses anything else, shows and removes them', async () => {
    const id = await createPractice();
    const action = `${admin}/${id}/documents`;
    const fake = await postMultipart(t, staff, action, { document_title: 'Faux rapport' }, { document_file: { content: Buffer.from('<html>no</html>'), filename: 'r.pdf', type: 'application/pdf' } });
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('Ce fichier n’est ni un PDF ni une photo JPEG, PNG ou WebP.');
    expect(fake.body).toContain('value="Faux rapport"');
    expect((await postMultipart(t, staff, action, { document_title: 'Sans fichier' })).statusCode).toBe(422);
    expect((await postMultipart(t, staff, action, { document_title: 'Rapport annuel' }, { document_file: { content: pdf, filename: 'rapport.pdf', type: 'application/pdf' } })).statusCode).toBe(303);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c60' } }).jpeg().toBuffer();
    expect((await postMultipart(t, staff, action, { document_title: 'La cantine' }, { document_file: { content: photo, filename: 'cantine.jpg', type: 'image/jpeg' } })).statusCode).toBe(303);
    expect((await postMultipart(t, 'tiznit-el-jadida:staff', action, { document_title: 'Intrus' }, { document_file: { content: pdf, filename: 'x.pdf', type: 'application/pdf' } })).statusCode).toBe(403);

    const documents = await practicesDb(t.services.db).selectFrom('network_practice_documents').selectAll().where('practice_id', '=', id).orderBy('added_at').execute();
    expect(documents.map((d) => [d.title, d.kind])).toEqual([['Rapport annuel', 'document'], ['La cantine', 'photo']]);
    await t.request(staff, 'POST', `${admin}/${id}/status`, { status: 'published' });
    const page = await t.request(null, 'GET', `/network/practices/${id}`);
    expect(page.body).toContain(`href="/files/${documents[0]!.file_id}"`);
    expect(page.body).toContain('(PDF, 1 Ko)');
    expect((await t.request(null, 'GET', `/files/${documents[1]!.file_id}`)).headers['content-type']).toBe('image/webp');

    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/network/practices/${id}/documents/${documents[0]!.id}/remove`, {})).statusCode).toBe(404);
    expect((await t.request(staff, 'POST', `${action}/${documents[0]!.id}/remove`, {})).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/network/practices/${id}`)).body).not.toContain('Rapport annuel');
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['network.practice.document_added', 'network.practice.document_removed']));
  });
});
