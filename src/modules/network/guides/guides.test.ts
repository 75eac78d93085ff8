import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertnessProblems } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { guidesDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const platformAdmin = 'platform-admin';
const admin = '/admin/network/guides';
const mayorsKeys = ['introduction', 'open-data', 'budget-transparency', 'council-decisions', 'access-to-information', 'answering-proposals', 'inclusion', 'complaints', 'forum', 'action-plan', 'phone-channels'];

const chapterId = async (slug: string, key: string) =>
  (await guidesDb(t.services.db).selectFrom('network_guide_chapters').innerJoin('network_guides', 'network_guides.id', 'network_guide_chapters.guide_id').select('network_guide_chapters.id').where('slug', '=', slug).where('key', '=', key).executeTakeFirstOrThrow()).id;

const chapterForm = (key: string, fr: string, body = 'Texte') => ({ key, title_fr: fr, body_fr: body });

describe('the network’s guides, as readers see them', () => {
  it('lists the published guides and shows each whole, with a contents list and one anchor per chapter', async () => {
    const list = await t.request(null, 'GET', '/network/guides');
    expect(list.body).toContain('Guide du maire pour la gouvernance ouverte locale');
    expect(list.body).toContain('href="/network/guides/volunteers-guide"');
    const page = await t.request(null, 'GET', '/network/guides/mayors-guide');
    expect(page.statusCode).toBe(200);
    const anchors = [...page.body.matchAll(/<section class="guide-chapter" id="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(mayorsKeys);
    for (const key of mayorsKeys) expect(page.body).toContain(`href="#${key}"`);
    const volunteers = await t.request(null, 'GET', '/network/guides/volunteers-guide');
    expect([...volunteers.body.matchAll(/<section class="guide-chapter" id="([^"]+)"/g)].map((m) => m[1])).toEqual(['role', 'mediation', 'paper-contributions', 'data-collection', 'safeguarding']);
    const english = await t.request(null, 'GET', '/network/guides/mayors-guide', undefined, { headers: { 'accept-language': 'en' } });
    expect(english.body).toContain('Mayor’s guide to local open governance');
    // Portuguese is not written: French is shown, with a note.
    expect((await t.request(null, 'GET', '/network/guides/mayors-guide', undefined, { headers: { 'accept-language': 'pt' } })).body).toContain('texto original em Français');
    expect((await t.request(null, 'GET', '/network/guides/no-such-guide')).statusCode).toBe(404);
  });

  it('links a print stylesheet: no navigation, a page break before each chapter, link addresses printed', async () => {
    const page = await t.request(null, 'GET', '/network/guides/mayors-guide');
    const href = page.body.match(/<link rel="stylesheet" href="(\/network\/guides\/assets\/guide\.[0-9a-f]{12}\.css)"/)?.[1];
    expect(href).toBeDefined();
    const css = await t.request(null, 'GET', href!);
    expect(css.headers['content-type']).toContain('text/css');
    const print = css.body.slice(css.body.indexOf('@media print'));
    expect(print).toMatch(/\.site-header, \.site-nav[^{]*\{ display: none !important \}/);
    expect(print).toContain('.guide-chapter { break-before: page');
    expect(print).toContain('content: " (" attr(href) ")"');
  });
});

describe('editing and versioning (platform administrators)', () => {
  it('keeps readers on the published version until the next publication; older versions stay readable', async () => {
    const id = await chapterId('mayors-guide', 'forum');
    const edit = await t.request(platformAdmin, 'POST', `${admin}/mayors-guide/chapters/${id}`, chapterForm('forum', 'Le forum des acteurs', 'Texte **révisé** du forum.'));
    expect(edit.statusCode).toBe(303);
    const before = await t.request(null, 'GET', '/network/guides/mayors-guide');
    expect(before.body).not.toContain('révisé');
    expect(before.body).toContain('Version 1, publiée le');

    expect((await t.request(platformAdmin, 'POST', `${admin}/mayors-guide/publish`, {})).statusCode).toBe(303);
    const after = await t.request(null, 'GET', '/network/guides/mayors-guide');
    expect(after.body).toContain('Texte <strong>révisé</strong> du forum.');
    expect(after.body).toContain('Version 2, publiée le');
    expect(after.body).toContain('href="/network/guides/mayors-guide/versions/1"');
    const old = await t.request(null, 'GET', '/network/guides/mayors-guide/versions/1');
    expect(old.statusCode).toBe(200);
    expect(old.body).not.toContain('révisé');
    expect(old.body).toContain('Vous lisez la version 1');
    expect((await t.request(null, 'GET', '/network/guides/mayors-guide/versions/9')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/network/guides/mayors-guide/versions/abc')).statusCode).toBe(404);

    const audited = await t.services.db.selectFrom('audit_log').select(['action', 'commune_id', 'details']).where('action', 'like', 'network.guide.%').orderBy('created_at').execute();
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['network.guide.chapter_updated', 'network.guide.published']));
    expect(audited.every((a) => a.commune_id === null)).toBe(true);
  });

  it('creates a guide, adds, refuses duplicate, reorders chapters, and hides it until published', async () => {
    const created = await t.request(platformAdmin, 'POST', admin, { slug: 'staff-guide', audience: 'staff', title_fr: 'Guide des agents' });
    expect(created.statusCode).toBe(303);
    expect((await t.request(platformAdmin, 'POST', admin, { slug: 'staff-guide', audience: 'staff', title_fr: 'Doublon' })).body).toContain('Un guide porte déjà cet identifiant.');
    expect((await t.request(platformAdmin, 'POST', admin, { slug: 'Mauvais Slug', audience: 'staff', title_fr: 'X' })).statusCode).toBe(422);
    for (const [key, title] of [['accueil', 'Accueil'], ['registres', 'Registres'], ['archives', 'Archives']]) {
      expect((await t.request(platformAdmin, 'POST', `${admin}/staff-guide/chapters`, chapterForm(key!, title!))).statusCode).toBe(303);
    }
    const duplicate = await t.request(platformAdmin, 'POST', `${admin}/staff-guide/chapters`, chapterForm('accueil', 'Encore'));
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('Ce guide a déjà un chapitre avec cet identifiant.');
    expect(duplicate.body).toContain('value="Encore"');
    expect((await t.request(platformAdmin, 'POST', `${admin}/staff-guide/chapters`, chapterForm('main', 'Principal'))).body).toContain('Cet identifiant est réservé par la page');
    expect((await t.request(platformAdmin, 'POST', `${admin}/staff-guide/chapters`, chapterForm('Mauvaise clé', 'X'))).statusCode).toBe(422);
    expect((await t.request(null, 'GET', '/network/guides/staff-guide')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/network/guides')).body).not.toContain('Guide des agents');

    expect((await t.request(platformAdmin, 'POST', `${admin}/staff-guide/chapters/${await chapterId('staff-guide', 'archives')}/move`, { direction: 'up' })).statusCode).toBe(303);
    expect((await t.request(platformAdmin, 'POST', `${admin}/staff-guide/publish`, {})).statusCode).toBe(303);
    const page = await t.request(null, 'GET', '/network/guides/staff-guide');
    expect([...page.body.matchAll(/<section class="guide-chapter" id="([^"]+)"/g)].map((m) => m[1])).toEqual(['accueil', 'archives', 'registres']);
  });

  it('renders chapter Markdown safely', async () => {
    const id = await chapterId('volunteers-guide', 'role');
    const hostile = '<script>alert(1)</script> [clic](javascript:alert(2)) <img src=x onerror=alert(3)>\n\nVoir [ok](https://example.org/a).';
    expect((await t.request(platformAdmin, 'POST', `${admin}/volunteers-guide/chapters/${id}`, chapterForm('role', '<b>Rôle</b>', hostile))).statusCode).toBe(303);
    await t.request(platformAdmin, 'POST', `${admin}/volunteers-guide/publish`, {});
    for (const url of ['/network/guides/volunteers-guide', '/network/guides']) expect(inertnessProblems((await t.request(null, 'GET', url)).body), url).toEqual([]);
    expect(inertnessProblems((await t.request(platformAdmin, 'GET', `${admin}/volunteers-guide/chapters/${id}`)).body)).toEqual([]);
    const page = await t.request(null, 'GET', '/network/guides/volunteers-guide');
    expect(page.body).toContain('href="https://example.org/a"');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('lets only platform administrators edit', async () => {
    const id = await chapterId('mayors-guide', 'introduction');
    const urls: ['GET' | 'POST', string][] = [['GET', admin], ['POST', admin], ['GET', `${admin}/mayors-guide`], ['POST', `${admin}/mayors-guide/publish`], ['POST', `${admin}/mayors-guide/chapters`], ['GET', `${admin}/mayors-guide/chapters/${id}`], ['POST', `${admin}/mayors-guide/chapters/${id}`], ['POST', `${admin}/mayors-guide/chapters/${id}/move`]];
    const versionsBefore = await guidesDb(t.services.db).selectFrom('network_guide_versions').select('id').execute();
    for (const key of ['ndar-toute:admin', 'ndar-toute:staff', 'tiznit-el-jadida:admin', 'ndar-toute:citizen']) {
      for (const [method, url] of urls) expect((await t.request(key, method, url, method === 'POST' ? chapterForm('introduction', 'Piraté') : undefined)).statusCode, `${key} ${method} ${url}`).toBe(403);
    }
    // Visitors are sent to sign in (pages) or refused (forms).
    for (const [method, url] of urls) expect([303, 401]).toContain((await t.request(null, method, url, method === 'POST' ? {} : undefined)).statusCode);
    expect(await guidesDb(t.services.db).selectFrom('network_guide_versions').select('id').execute()).toHaveLength(versionsBefore.length);
    expect((await t.request(platformAdmin, 'GET', `${admin}/mayors-guide`)).body).toContain('#introduction');
  });
});
