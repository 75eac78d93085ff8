import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeScope } from '../../platform/db/commune-scope.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { communeDb, findPublishedNews, listDocuments, listPublishedNews } from './queries/public-queries.js';
import { tinyPdf } from './seed.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
const ids: Record<string, string> = {};
const day = 24 * 3600 * 1000;
const json = (value: unknown) => JSON.stringify(value);

async function addNews(communeId: string, key: string, status: 'draft' | 'published', publishAt: Date | null, title = key) {
  const row = await communeScope(communeDb(t.services.db), communeId)
    .insertInto('news_posts', { title: json({ fr: title }), body: json({ fr: `Texte de ${key}` }), status, publish_at: publishAt, author_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[key] = row.id;
}

async function addCouncil(communeId: string) {
  const scope = communeScope(communeDb(t.services.db), communeId);
  const person = await scope.insertInto('council_persons', { name: 'Aminata Test', gender: 'female', email: 'aminata@example.sn', phone: '+221770001111', biography: json({ fr: 'Enseignante.' }) }).returning('id').executeTakeFirstOrThrow();
  const council = await scope.insertInto('council_organizations', { name: json({ fr: 'Conseil municipal' }), classification: 'council' }).returning('id').executeTakeFirstOrThrow();
  await scope.insertInto('council_memberships', { person_id: person.id, organization_id: council.id, role: json({ fr: 'Maire' }), post: 'mayor', start_date: '2022-01-23', end_date: null }).execute();
  ids.person = person.id;
}

async function addDocument(communeId: string, title: string, category: 'budget' | 'decree', date: string) {
  const content = tinyPdf(title);
  const file = await t.services.db
    .insertInto('stored_files')
    .values({ commune_id: communeId, storage_key: `${communeId}/${title}.pdf`, media_type: 'application/pdf', byte_size: content.length, sha256: 'x', original_name: `${title}.pdf`, width: null, height: null, uploaded_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await communeScope(communeDb(t.services.db), communeId).insertInto('commune_documents', { title: json({ fr: title, ar: 'ميزانية' }), category, document_date: date, file_id: file.id }).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
  tiznit = await t.communeId('tiznit-el-jadida');
  const now = Date.now();
  await addNews(ndar, 'published', 'published', new Date(now - day), 'Nettoyage du marché');
  await addNews(ndar, 'draft', 'draft', null, 'Brouillon secret');
  await addNews(ndar, 'scheduled', 'published', new Date(now + 3 * day), 'Annonce programmée');
  await addNews(tiznit, 'tiznit', 'published', new Date(now - day), 'Actualité de Tiznit');
  await addCouncil(ndar);
  await addDocument(ndar, 'Budget primitif 2025', 'budget', '2025-01-15');
  await addDocument(ndar, 'Arrêté de circulation', 'decree', '2024-06-02');
});
afterAll(() => t.close());

describe('public queries', () => {
  it('list only published news whose time has come, in this commune only', async () => {
    const { items } = await listPublishedNews(t.services.db, ndar, { limit: 100 });
    const listed = items.map((post) => post.id);
    expect(listed).toContain(ids.published);
    expect(listed).not.toContain(ids.draft);
    expect(listed).not.toContain(ids.scheduled);
    expect(listed).not.toContain(ids.tiznit);
  });

  it('shows a scheduled post once its time has passed', async () => {
    expect(await findPublishedNews(t.services.db, ndar, ids.scheduled!)).toBeUndefined();
    expect(await findPublishedNews(t.services.db, ndar, ids.scheduled!, new Date(Date.now() + 4 * day))).toBeDefined();
  });

  it('searches document titles in any language, by category and year', async () => {
    expect((await listDocuments(t.services.db, ndar, { q: 'budget' })).length).toBeGreaterThanOrEqual(1);
    expect((await listDocuments(t.services.db, ndar, { q: 'ميزانية', category: 'decree' })).length).toBe(1);
    expect((await listDocuments(t.services.db, ndar, { year: 2024, category: 'budget' })).length).toBe(0);
    expect(await listDocuments(t.services.db, tiznit, { q: 'Budget primitif' })).toEqual([]);
  });
});

describe('public pages', () => {
  it('home shows key figures, latest news and the contact block', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<dl class="key-figures">');
    expect(response.body).toContain('Nettoyage du marché');
    expect(response.body).not.toContain('Brouillon secret');
    expect(response.body).toMatch(/href="tel:\+?\d+"/);
    expect(response.body).toContain('href="/ndar-toute/council"');
    // The first response must fit in the first TCP round trips on slow mobile networks.
    expect(gzipSync(response.body).length).toBeLessThan(14 * 1024);
  });

  it('drafts, scheduled posts and other communes’ news answer 404', async () => {
    expect((await t.request(null, 'GET', `/ndar-toute/news/${ids.published}`)).statusCode).toBe(200);
    for (const id of [ids.draft, ids.scheduled, ids.tiznit, 'not-a-uuid']) {
      expect((await t.request(null, 'GET', `/ndar-toute/news/${id}`)).statusCode, id).toBe(404);
    }
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/news/${ids.published}`)).statusCode).toBe(404);
  });

  it('news list links each title in a heading and advertises the Atom feed', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/news');
    expect(response.body).toMatch(/<h[23]><a href="\/ndar-toute\/news\/[0-9a-f-]{36}"><span[^>]*>Nettoyage du marché<\/span><\/a><\/h[23]>/);
    expect(response.body).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(response.body).not.toContain('Annonce programmée');
  });

  it('serves a well-formed Atom feed with absolute links', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/news/feed.atom');
    expect(response.headers['content-type']).toContain('application/atom+xml');
    expect(response.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(response.body).toMatch(/<link rel="alternate" type="text\/html" href="https?:\/\/[^"]+\/ndar-toute\/news\/[0-9a-f-]{36}"\/>/);
    expect(response.body).toContain('Nettoyage du marché');
    expect(response.body).not.toContain('Brouillon secret');
    expect(response.body).not.toContain('Actualité de Tiznit');
  });

  it('council page, person page and the Popolo export', async () => {
    const council = await t.request(null, 'GET', '/ndar-toute/council');
    expect(council.body).toContain('Aminata Test');
    expect((await t.request(null, 'GET', `/ndar-toute/council/${ids.person}`)).body).toContain('mailto:aminata@example.sn');
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/council/${ids.person}`)).statusCode).toBe(404);
    const popolo = await t.request(null, 'GET', '/ndar-toute/council/popolo.json');
    expect(popolo.headers['content-type']).toContain('application/json');
    const data = popolo.json();
    const person = data.persons.find((p: { id: string }) => p.id === ids.person);
    expect(person).toMatchObject({ id: ids.person, name: 'Aminata Test', gender: 'female', email: 'aminata@example.sn', biography: 'Enseignante.' });
    const membership = data.memberships.find((m: { person_id: string }) => m.person_id === ids.person);
    const organization = data.organizations.find((o: { id: string }) => o.id === membership.organization_id);
    expect(organization).toMatchObject({ name: 'Conseil municipal', classification: 'council' });
    expect(membership).toMatchObject({ id: expect.any(String), role: 'Maire', start_date: '2022-01-23', post_id: expect.any(String) });
    expect(data.posts.find((p: { id: string }) => p.id === membership.post_id)).toMatchObject({ label: 'Maire', organization_id: organization.id });
    const tiznitPopolo = (await t.request(null, 'GET', '/tiznit-el-jadida/council/popolo.json')).json();
    expect(JSON.stringify(tiznitPopolo)).not.toContain('Aminata Test');
  });

  it('documents page filters and links to the PDF', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/documents?q=budget&category=budget&year=2025');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/href="\/files\/[0-9a-f-]{36}"/);
    expect(response.body).toContain('Budget primitif 2025');
    expect(response.body).not.toContain('Arrêté de circulation');
  });

  it('services page answers even when empty, and unknown services are 404', async () => {
    expect((await t.request(null, 'GET', '/ndar-toute/services')).statusCode).toBe(200);
    expect((await t.request(null, 'GET', `/ndar-toute/services/${ids.published}`)).statusCode).toBe(404);
  });
});
