import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeScope } from '../../../platform/db/commune-scope.js';
import { dateToZonedLocal } from '../../../platform/i18n/format.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { communeDb } from '../queries/public-queries.js';
import { auditActions, postMultipart } from './test-helpers.js';

let t: TestApp;
let ndar: string;
const staff = 'ndar-toute:staff';

async function newsByTitle(title: string) {
  const rows = await communeScope(communeDb(t.services.db), ndar).selectFrom('news_posts').selectAll().orderBy('id').execute();
  return rows.find((row) => row.title.fr === title);
}

async function newsCount() {
  const rows = await t.services.db.withTables<{ news_posts: { id: string } }>().selectFrom('news_posts').select('id').orderBy('id').execute();
  return rows.length;
}

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

describe('news back-office', () => {
  it('offers one title and body field per enabled language and the three intents', async () => {
    const response = await t.request(staff, 'GET', '/ndar-toute/admin/news/new');
    expect(response.statusCode).toBe(200);
    for (const name of ['title_fr', 'body_fr', 'publish_at']) expect(response.body).toContain(`name="${name}"`);
    for (const intent of ['publish', 'draft', 'schedule']) expect(response.body).toContain(`<button type="submit" name="intent" value="${intent}"`);
  });

  it('refuses citizens, visitors and other communes’ staff', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/news')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/ndar-toute/admin/news')).statusCode).not.toBe(200);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', '/ndar-toute/admin/news')).statusCode).toBe(403);
  });

  it('publishes now: visible on the site and in the feed, and audited', async () => {
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: 'Vaccination gratuite', body_fr: 'Samedi au **poste de santé**.', intent: 'publish' });
    expect(response.statusCode).toBe(303);
    const post = await newsByTitle('Vaccination gratuite');
    expect(post).toMatchObject({ status: 'published', author_id: t.users.get(staff) });
    expect((await t.request(null, 'GET', '/ndar-toute/news')).body).toContain('Vaccination gratuite');
    expect((await t.request(null, 'GET', `/ndar-toute/news/${post!.id}`)).body).toContain('<strong>poste de santé</strong>');
    expect((await t.request(null, 'GET', '/ndar-toute/news/feed.atom')).body).toContain('Vaccination gratuite');
    expect(await auditActions(t, ndar)).toContainEqual({ action: 'news.published', resource_id: post!.id, actor_user_id: t.users.get(staff) });
  });

  it('uploads a photo with a multipart form carrying the CSRF token in its URL', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#c60' } }).png().toBuffer();
    const response = await postMultipart(t, staff, '/ndar-toute/admin/news', { title_fr: 'Photo du marché', body_fr: 'Voir la photo.', intent: 'publish' }, { photo_file_id: { content: png, filename: 'marche.png', type: 'image/png' } });
    expect(response.statusCode).toBe(303);
    const post = await newsByTitle('Photo du marché');
    expect(post?.photo_file_id).toBeTruthy();
    const file = await t.services.db.selectFrom('stored_files').selectAll().where('id', '=', post!.photo_file_id!).executeTakeFirstOrThrow();
    expect(file.media_type).toBe('image/webp');
    expect((await postMultipart(t, staff, '/ndar-toute/admin/news', { title_fr: 'Sans jeton', body_fr: 'x', intent: 'publish' }, {}, { csrf: false })).statusCode).toBe(403);
    expect(await newsByTitle('Sans jeton')).toBeUndefined();
  });

  it('keeps a scheduled post invisible until its time, and refuses a past date', async () => {
    const future = dateToZonedLocal(new Date(Date.now() + 2 * 24 * 3600 * 1000), 'Africa/Dakar');
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: 'Fête de quartier', body_fr: 'Bientôt.', intent: 'schedule', publish_at: future });
    expect(response.statusCode).toBe(303);
    const post = await newsByTitle('Fête de quartier');
    expect(post?.publish_at!.getTime()).toBeGreaterThan(Date.now());
    expect((await t.request(null, 'GET', '/ndar-toute/news')).body).not.toContain('Fête de quartier');
    expect((await t.request(null, 'GET', `/ndar-toute/news/${post!.id}`)).statusCode).toBe(404);
    const past = await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: 'Trop tard', body_fr: 'x', intent: 'schedule', publish_at: '2020-01-01T10:00' });
    expect(past.statusCode).toBe(422);
    expect(await newsByTitle('Trop tard')).toBeUndefined();
    expect(await auditActions(t, ndar)).toContainEqual(expect.objectContaining({ action: 'news.scheduled', resource_id: post!.id }));
  });

  it('answers an invalid form with 422, nothing stored and the input kept', async () => {
    const before = await newsCount();
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: '', body_fr: 'Texte gardé <b>ici</b>', intent: 'publish' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('Texte gardé &lt;b>ici&lt;/b>');
    expect(await newsCount()).toBe(before);
  });

  it('renders hostile titles and bodies inert on public pages', async () => {
    const title = '<script>alert(1)</script>Titre';
    const body = '<img src=x onerror=alert(1)> [clic](javascript:alert(2)) <iframe src="https://evil.example"></iframe>';
    await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: title, body_fr: body, intent: 'publish' });
    const post = await newsByTitle(title);
    for (const url of ['/ndar-toute/', '/ndar-toute/news', `/ndar-toute/news/${post!.id}`, '/ndar-toute/admin/news']) {
      const page = (await t.request(staff, 'GET', url)).body;
      expect(page, url).not.toContain('<script>alert');
      expect(page, url).not.toMatch(/<img[^>]*onerror/);
      expect(page, url).not.toContain('href="javascript:');
      expect(page, url).not.toContain('<iframe');
    }
    const feed = (await t.request(null, 'GET', '/ndar-toute/news/feed.atom')).body;
    expect(feed).not.toContain('<script>');
    expect(feed).toContain('&lt;script&gt;alert(1)&lt;/script&gt;Titre');
  });

  it('edits, unpublishes and deletes, each audited', async () => {
    await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: 'À corriger', body_fr: 'v1', intent: 'publish' });
    const post = await newsByTitle('À corriger');
    const edit = await t.request(staff, 'GET', `/ndar-toute/admin/news/${post!.id}/edit`);
    expect(edit.body).toContain(`action="/ndar-toute/admin/news/${post!.id}/unpublish"`);
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/news/${post!.id}`, { title_fr: 'À corriger', body_fr: 'v2', intent: 'publish' })).statusCode).toBe(303);
    const edited = await newsByTitle('À corriger');
    expect(edited?.body.fr).toBe('v2');
    expect(edited?.publish_at?.getTime()).toBe(post!.publish_at!.getTime());
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/news/${post!.id}/unpublish`, {})).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/ndar-toute/news/${post!.id}`)).statusCode).toBe(404);
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/news/${post!.id}/delete`, {})).statusCode).toBe(303);
    expect(await newsByTitle('À corriger')).toBeUndefined();
    const actions = (await auditActions(t, ndar)).filter((row) => row.resource_id === post!.id).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['news.published', 'news.unpublished', 'news.deleted']));
    expect(actions.filter((action) => action === 'news.published')).toHaveLength(2);
  });

  it('lets no other commune’s staff touch a news post, through either URL', async () => {
    await t.request(staff, 'POST', '/ndar-toute/admin/news', { title_fr: 'Protégée', body_fr: 'original', intent: 'publish' });
    const post = await newsByTitle('Protégée');
    const attacker = 'tiznit-el-jadida:staff';
    const attempts: [string, number[]][] = [
      [`/tiznit-el-jadida/admin/news/${post!.id}`, [404]],
      [`/tiznit-el-jadida/admin/news/${post!.id}/delete`, [404]],
      [`/tiznit-el-jadida/admin/news/${post!.id}/unpublish`, [404]],
      [`/ndar-toute/admin/news/${post!.id}`, [403]],
      [`/ndar-toute/admin/news/${post!.id}/delete`, [403]],
    ];
    for (const [url, statuses] of attempts) {
      const response = await t.request(attacker, 'POST', url, { title_fr: 'Piratée', body_fr: 'x', intent: 'publish' });
      expect(statuses, url).toContain(response.statusCode);
    }
    expect((await t.request(attacker, 'GET', `/tiznit-el-jadida/admin/news/${post!.id}/edit`)).statusCode).toBe(404);
    expect(await newsByTitle('Protégée')).toMatchObject({ status: 'published', body: { fr: 'original' } });
    expect(await newsByTitle('Piratée')).toBeUndefined();
  });
});
