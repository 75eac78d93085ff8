import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { postMultipart } from '../../test-support/multipart.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;
let phaseId: string;
const citizen = 'ndar-toute:citizen';

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
  phaseId = (await scoped(t.services.db, ndarId).selectFrom('consultation_phases').select('id').where('consultation_id', '=', consultationId).orderBy('starts_on').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const submitUrl = () => `/ndar-toute/consultations/${consultationId}/proposals`;
const proposalByTitle = (title: string) => scoped(t.services.db, ndarId).selectFrom('proposals').selectAll().where('title', '=', title).executeTakeFirst();
const png = () => sharp({ create: { width: 20, height: 10, channels: 3, background: '#c60' } }).png().toBuffer();
const jpeg = () => sharp({ create: { width: 12, height: 30, channels: 3, background: '#06c' } }).jpeg().toBuffer();

describe('categories', () => {
  it('staff define them on the consultation form; the proposal form offers them; an unknown one is refused', async () => {
    const saved = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/consultations/${consultationId}`, { title_fr: 'Plan de développement communal', subject_type: 'development_plan', influence_level: 'consult', status: 'published', neighbourhoods: 'Sor, Pikine, Corniche', categories: 'Eau, Énergie, Voirie' });
    expect(saved.statusCode).toBe(303);
    expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/consultations/${consultationId}`)).body).toContain('value="Eau, Énergie, Voirie"');
    const form = await t.request(citizen, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(form.body).toContain('<option value="Voirie">Voirie</option>');
    const refused = await t.request(citizen, 'POST', submitUrl(), { title: 'Goudronner la rue 12', body: 'Texte gardé ici', category: 'Inventée', confirmed: '1' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Texte gardé ici');
    expect(await proposalByTitle('Goudronner la rue 12')).toBeUndefined();
    const created = await t.request(citizen, 'POST', submitUrl(), { title: 'Goudronner la rue 12', body: 'Texte', category: 'Voirie', confirmed: '1' });
    expect(created.statusCode).toBe(303);
    expect((await proposalByTitle('Goudronner la rue 12'))?.category).toBe('Voirie');
    expect((await t.request(null, 'GET', created.headers.location as string)).body).toMatch(/Catégorie<\/strong> <span class="badge">Voirie<\/span>/);
  });

  it('filter the list, composed with the sorts and the neighbourhood filter, paged by keyset', async () => {
    const author = t.users.get(citizen)!;
    const rows = Array.from({ length: 50 }, (_, i) => ({ consultation_id: consultationId, phase_id: phaseId, author_id: author, channel: 'web' as const, title: `Idée ${i}`, body: '…', category: i % 2 === 0 ? 'Eau' : 'Énergie', neighbourhood: i % 5 === 0 ? 'Pikine' : null }));
    await scoped(t.services.db, ndarId).insertInto('proposals', rows).execute();
    const expected = async (neighbourhood?: string) => {
      let query = scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).where('category', '=', 'Eau').where('merged_into_id', 'is', null);
      if (neighbourhood) query = query.where('neighbourhood', '=', neighbourhood);
      return new Set((await query.execute()).map((r) => r.id));
    };
    const water = await expected();
    expect(water.size).toBeGreaterThan(20);
    for (const sort of ['newest', 'supported', 'random&seed=abc']) {
      const ids = await pageThrough(`sort=${sort}&category=Eau`);
      expect(ids.length, sort).toBe(water.size);
      expect(new Set(ids), sort).toEqual(water);
    }
    expect(new Set(await pageThrough('sort=newest&category=Eau&neighbourhood=Pikine'))).toEqual(await expected('Pikine'));
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}?sort=newest&category=Eau`);
    expect(page.body).toContain('<option value="Eau" selected>Eau</option>');
    expect(page.body).toMatch(/class="pagination"[^>]*><a href="[^"]*category=Eau[^"]*after=/);
  });

  it('the filtered list can be served from an index on (consultation, category, sort key, id)', async () => {
    const db = t.services.db;
    await sql`set enable_seqscan = off`.execute(db);
    try {
      for (const key of ['created_at desc', 'support_count desc']) {
        const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from proposals where commune_id = ${ndarId} and consultation_id = ${consultationId} and category = 'Eau' and merged_into_id is null order by ${sql.raw(key)}, id limit 21`.execute(db);
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), key).toMatch(/proposals_by_category_(date|supports)_idx/);
      }
    } finally {
      await sql`reset enable_seqscan`.execute(db);
    }
  });
});

async function pageThrough(query: string): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = `/ndar-toute/consultations/${consultationId}?${query}`;
  for (let pages = 0; url && pages < 10; pages++) {
    const page = await t.request(null, 'GET', url);
    ids.push(...[...page.body.matchAll(/<h3><a href="\/ndar-toute\/proposals\/([0-9a-f-]{36})"/g)].map((m) => m[1]!));
    const next = /class="pagination"[^>]*><a href="([^"]+)"/.exec(page.body)?.[1];
    url = next ? next.replace(/&amp;/g, '&') : null;
  }
  return ids;
}

describe('photos', () => {
  it('a real PNG is stored re-encoded and shown with its size, lazily, the title as alt text', async () => {
    const response = await postMultipart(t, citizen, submitUrl(), { title: 'Le caniveau bouché rue Blanchot', body: 'Il déborde à chaque pluie.', confirmed: '1' }, { photo: { content: await png(), filename: 'caniveau.png', type: 'image/png' } });
    expect(response.statusCode).toBe(303);
    const proposal = await proposalByTitle('Le caniveau bouché rue Blanchot');
    const file = await t.services.db.selectFrom('stored_files').selectAll().where('id', '=', proposal!.photo_file_id!).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ media_type: 'image/webp', width: 20, height: 10, uploaded_by: t.users.get(citizen), commune_id: ndarId });
    const page = await t.request(null, 'GET', `/ndar-toute/proposals/${proposal!.id}`);
    expect(page.body).toContain(`<img class="proposal-photo" src="/files/${file.id}" alt="Le caniveau bouché rue Blanchot" width="20" height="10" loading="lazy"/>`);
    expect((await t.request(null, 'GET', `/files/${file.id}`)).headers['content-type']).toBe('image/webp');
  });

  it('without the CSRF token in the URL the multipart form is refused', async () => {
    const response = await postMultipart(t, citizen, submitUrl(), { title: 'Sans jeton', body: 'x', confirmed: '1' }, { photo: { content: await png(), filename: 'a.png', type: 'image/png' } }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await proposalByTitle('Sans jeton')).toBeUndefined();
  });

  it('on a validation error the typed text is kept, nothing is stored, and the person is told to choose the file again', async () => {
    const files = async () => (await t.services.db.selectFrom('stored_files').select('id').execute()).length;
    const before = await files();
    const response = await postMultipart(t, citizen, submitUrl(), { title: '', body: 'Corps gardé <b>ici</b>', confirmed: '1' }, { photo: { content: await jpeg(), filename: 'x.jpg', type: 'image/jpeg' } });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Corps gardé &lt;b>ici&lt;/b>');
    expect(response.body).toContain('choisissez à nouveau la photo');
    expect(await files()).toBe(before);
    const notImage = await postMultipart(t, citizen, submitUrl(), { title: 'Un fichier texte', body: 'x', confirmed: '1' }, { photo: { content: Buffer.from('hello, not an image'), filename: 'x.png', type: 'image/png' } });
    expect(notImage.statusCode).toBe(422);
    expect(notImage.body).toContain('photo-error');
    expect(await proposalByTitle('Un fichier texte')).toBeUndefined();
  });

  it('survive the look-alike step in a hidden field; someone else’s file id is refused', async () => {
    const title = 'Éclairage solaire devant la mosquée';
    const first = await postMultipart(t, citizen, submitUrl(), { title, body: 'Il fait noir.' }, { photo: { content: await jpeg(), filename: 'nuit.jpg', type: 'image/jpeg' } });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Des propositions proches existent déjà');
    const fileId = /name="photo_file_id" value="([0-9a-f-]{36})"/.exec(first.body)?.[1];
    expect(fileId).toBeTruthy();
    expect(await proposalByTitle(title)).toBeUndefined();

    const stolen = await postMultipart(t, 'ndar-toute:moderator', submitUrl(), { title: 'Avec la photo d’un autre', body: 'x', photo_file_id: fileId!, confirmed: '1' });
    expect(stolen.statusCode).toBe(422);
    expect(await proposalByTitle('Avec la photo d’un autre')).toBeUndefined();
    const tiznitFile = (await t.services.db.insertInto('stored_files').values({ commune_id: await t.communeId('tiznit-el-jadida'), storage_key: 'x/y.webp', media_type: 'image/webp', byte_size: 1, sha256: 'x', original_name: 'y.webp', width: 1, height: 1, uploaded_by: t.users.get(citizen)! }).returning('id').executeTakeFirstOrThrow()).id;
    expect((await t.request(citizen, 'POST', submitUrl(), { title: 'Photo d’une autre commune', body: 'x', photo_file_id: tiznitFile, confirmed: '1' })).statusCode).toBe(422);

    const confirmed = await postMultipart(t, citizen, submitUrl(), { title, body: 'Il fait noir.', photo_file_id: fileId!, confirmed: '1' });
    expect(confirmed.statusCode).toBe(303);
    expect((await proposalByTitle(title))?.photo_file_id).toBe(fileId);
  });
});

describe('locations', () => {
  it('latitude and longitude go together and within range', async () => {
    for (const [latitude, longitude, field] of [['16.02', '', 'longitude'], ['', '-16.5', 'latitude'], ['95', '10', 'latitude'], ['10', '-181', 'longitude'], ['abc', '10', 'latitude']]) {
      const response = await t.request(citizen, 'POST', submitUrl(), { title: 'Un lieu mal placé', body: 'x', place: 'Près du pont', latitude: latitude!, longitude: longitude!, confirmed: '1' });
      expect(response.statusCode, `${latitude},${longitude}`).toBe(422);
      expect(response.body).toContain(`id="${field}-error"`);
      expect(response.body).toContain('value="Près du pont"');
    }
    expect(await proposalByTitle('Un lieu mal placé')).toBeUndefined();
  });

  it('the proposal page shows the place and a plain OpenStreetMap link at the coordinates', async () => {
    const created = await t.request(citizen, 'POST', submitUrl(), { title: 'Un abri au carrefour', body: 'x', place: 'Carrefour du lycée <b>', latitude: '16.0241', longitude: '-16.5032', confirmed: '1' });
    expect(created.statusCode).toBe(303);
    expect(await proposalByTitle('Un abri au carrefour')).toMatchObject({ latitude: 16.0241, longitude: -16.5032, place: 'Carrefour du lycée <b>' });
    const page = (await t.request(null, 'GET', created.headers.location as string)).body;
    expect(page).toContain('Carrefour du lycée &lt;b>');
    expect(page).toContain('href="https://www.openstreetmap.org/?mlat=16.0241&mlon=-16.5032#map=17/16.0241/-16.5032"');
    const withoutCoordinates = await t.request(citizen, 'POST', submitUrl(), { title: 'Un banc sans coordonnées', body: 'x', place: 'Place Faidherbe', confirmed: '1' });
    const plain = (await t.request(null, 'GET', withoutCoordinates.headers.location as string)).body;
    expect(plain).toContain('Place Faidherbe');
    expect(plain).not.toContain('openstreetmap');
  });
});

describe('outcome links', () => {
  it('staff link a proposal to what came of it; only internal paths and http(s) addresses; audited; other communes cannot', async () => {
    const proposal = (await proposalByTitle('Un abri au carrefour'))!;
    const url = `/ndar-toute/admin/proposals/${proposal.id}/outcome`;
    for (const bad of ['javascript:alert(1)', '//evil.example/x', 'data:text/html,x', 'ftp://example.org/x', 'JAVASCRIPT:alert(1)']) {
      const refused = await t.request('ndar-toute:staff', 'POST', url, { outcome_label: 'Projet', outcome_url: bad });
      expect(refused.statusCode, bad).toBe(422);
    }
    expect((await t.request('ndar-toute:staff', 'POST', url, { outcome_label: '', outcome_url: '/ndar-toute/budget' })).statusCode).toBe(422);
    expect((await t.request('ndar-toute:citizen', 'POST', url, { outcome_label: 'x', outcome_url: '/x' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/proposals/${proposal.id}/outcome`, { outcome_label: 'x', outcome_url: '/x' })).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/proposals/${proposal.id}`)).statusCode).toBe(404);
    expect((await proposalByTitle('Un abri au carrefour'))?.outcome_url).toBeNull();

    expect((await t.request('ndar-toute:staff', 'POST', url, { outcome_label: 'Abris bus — budget 2027', outcome_url: 'https://budget.example.org/projets/12' })).statusCode).toBe(303);
    let page = (await t.request(null, 'GET', `/ndar-toute/proposals/${proposal.id}`)).body;
    expect(page).toContain('Ce qui en est sorti :</strong> <a href="https://budget.example.org/projets/12" rel="noopener noreferrer">Abris bus — budget 2027</a>');
    expect((await t.request('ndar-toute:staff', 'POST', url, { outcome_label: 'Engagement n° 4', outcome_url: '/ndar-toute/news' })).statusCode).toBe(303);
    page = (await t.request(null, 'GET', `/ndar-toute/proposals/${proposal.id}`)).body;
    expect(page).toContain('<a href="/ndar-toute/news">Engagement n° 4</a>');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', proposal.id).execute();
    expect(audit.map((a) => a.action)).toContain('proposal.outcome_linked');
  });
});
