import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { programmeDb } from '../db/tables.js';
import { lateMonths } from './months.js';
import { lateReports } from './reports.js';
import { writingDb } from './tables.js';

let t: TestApp;
let rachid: string; // Ndar Toute ↔ Rachid Benali (programme:volunteer)
let aissatou: string; // Tiznit El Jadida ↔ Aïssatou Ba (programme:volunteer2)

const deploymentOf = async (key: string) =>
  (await programmeDb(t.services.db).selectFrom('programme_deployments').select('id').where('volunteer_user_id', '=', t.users.get(key)!).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp();
  rachid = await deploymentOf('programme:volunteer');
  aissatou = await deploymentOf('programme:volunteer2');
});
afterAll(() => t.close());

const audits = (action: string) => t.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const location = (response: { headers: Record<string, unknown> }) => String(response.headers.location ?? '');

/** Parses the feed strictly (throws on any well-formedness error) and returns its text content. */
function xmlText(xml: string): string {
  const parts: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('text', (text) => parts.push(text));
  parser.write(xml).close();
  return parts.join('');
}

describe('the volunteer’s desk', () => {
  it('shows the volunteer their deployment, reports and posts; others get an explanation', async () => {
    const desk = await t.request('programme:volunteer', 'GET', '/network/programme/writing');
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain(`href="/network/programme/deployments/${rachid}/reports"`);
    expect(desk.body).toContain('Trois mois à Ndar Toute');
    expect(desk.body).toContain('Brouillon');
    expect(desk.body).not.toContain(aissatou);
    const other = await t.request('programme:applicant', 'GET', '/network/programme/writing');
    expect(other.body).toContain('id="desk-explanation"');
    expect(other.body).toContain('href="/network/programme/writing"');
    expect((await t.request(null, 'GET', '/network/programme/writing')).statusCode).toBe(303);
  });
});

describe('activity reports', () => {
  it('are written by the deployment’s volunteer only: another volunteer or commune gets a 404', async () => {
    const reports = `/network/programme/deployments/${rachid}/reports`;
    expect((await t.request('programme:volunteer', 'GET', `${reports}/new`)).statusCode).toBe(200);
    for (const key of ['programme:volunteer2', 'tiznit-el-jadida:admin', 'programme:applicant', 'programme:reviewer']) {
      expect((await t.request(key, 'GET', reports)).statusCode, key).toBe(404);
      expect((await t.request(key, 'GET', `${reports}/new`)).statusCode, key).toBe(404);
      expect((await t.request(key, 'POST', reports, { period: '2026-01', activities: 'x', action: 'submit' })).statusCode, key).toBe(404);
    }
    // The host commune's team and the operator read, but do not write.
    expect((await t.request('ndar-toute:staff', 'GET', reports)).statusCode).toBe(200);
    expect((await t.request('ndar-toute:staff', 'GET', `${reports}/new`)).statusCode).toBe(404);
    expect((await t.request('programme:operator', 'POST', reports, { period: '2026-01', activities: 'x' })).statusCode).toBe(404);
    expect((await t.request('programme:volunteer', 'GET', `/network/programme/deployments/00000000-0000-4000-8000-000000000000/reports`)).statusCode).toBe(404);
  });

  it('go from draft to submitted; the commune reads submitted ones only; the operator comments and acknowledges', async () => {
    const db = writingDb(t.services.db);
    const rows = await db.selectFrom('programme_reports').selectAll().where('deployment_id', '=', rachid).orderBy('period').execute();
    expect(rows.map((r) => r.status)).toEqual(['submitted', 'submitted', 'draft']);
    const draft = rows[2]!;
    const draftPath = `/network/programme/deployments/${rachid}/reports/${draft.id}`;
    expect((await t.request('ndar-toute:admin', 'GET', draftPath)).statusCode).toBe(404);
    expect((await t.request('ndar-toute:admin', 'GET', `/network/programme/deployments/${rachid}/reports`)).body).not.toContain(draft.id);
    // Another deployment's id in the URL does not reach this report.
    expect((await t.request('programme:volunteer', 'GET', `/network/programme/deployments/${aissatou}/reports/${draft.id}`)).statusCode).toBe(404);

    const empty = await t.request('programme:volunteer', 'POST', draftPath, { activities: '', results: 'Kept text', action: 'submit' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Kept text');
    const submitted = await t.request('programme:volunteer', 'POST', draftPath, { activities: 'Consultation **préparée**', next_steps: 'Réunions', action: 'submit' });
    expect(submitted.statusCode).toBe(303);
    expect((await t.request('programme:volunteer', 'POST', draftPath, { activities: 'again', action: 'save' })).statusCode).toBe(404);
    const read = await t.request('ndar-toute:admin', 'GET', draftPath);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('<strong>préparée</strong>');
    expect(read.body).not.toContain('id="review-form"');

    expect((await t.request('programme:volunteer', 'POST', `${draftPath}/review`, { comment: 'me', action: 'acknowledge' })).statusCode).toBe(403);
    const acknowledged = await t.request('programme:operator', 'POST', `${draftPath}/review`, { comment: 'Merci, bien reçu.', action: 'acknowledge' });
    expect(acknowledged.statusCode).toBe(303);
    const after = await db.selectFrom('programme_reports').selectAll().where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('acknowledged');
    expect((await t.request('programme:volunteer', 'GET', draftPath)).body).toContain('Merci, bien reçu.');
    expect((await audits('programme.report.acknowledged')).map((a) => a.resource_id)).toContain(draft.id);
  });

  it('a resent new-report form creates one report, and a month that has one is refused with the text kept', async () => {
    const reports = `/network/programme/deployments/${rachid}/reports`;
    const used = new Set((await writingDb(t.services.db).selectFrom('programme_reports').select('period').where('deployment_id', '=', rachid).execute()).map((r) => r.period));
    const form = await t.request('programme:volunteer', 'GET', `${reports}/new`);
    const period = [...form.body.matchAll(/<option value="(\d{4}-\d{2})"/g)].map((m) => m[1]!).find((p) => !used.has(p))!;
    const body = { period, activities: 'Ateliers', action: 'save', _idempotency: 'report-key-0001' };
    const first = await t.request('programme:volunteer', 'POST', reports, body);
    const again = await t.request('programme:volunteer', 'POST', reports, body);
    expect(first.statusCode).toBe(303);
    expect(location(again)).toBe(location(first));
    expect((await writingDb(t.services.db).selectFrom('programme_reports').select('id').where('deployment_id', '=', rachid).where('period', '=', period).execute()).length).toBe(1);
    const taken = await t.request('programme:volunteer', 'POST', reports, { ...body, _idempotency: 'report-key-0002', activities: 'Texte gardé' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Texte gardé');
  });
});

describe('late reports', () => {
  it('are the months past the 5th of the next month without a submitted report', () => {
    const deployment = { starts_on: '2026-08-26', ends_on: '2027-02-24' };
    expect(lateMonths(deployment, new Set(['2026-08']), new Date('2026-10-05T23:59:59Z'))).toEqual([]);
    expect(lateMonths(deployment, new Set(['2026-08']), new Date('2026-10-06T00:00:00Z'))).toEqual(['2026-09']);
    expect(lateMonths(deployment, new Set(), new Date('2026-10-06T00:00:00Z'))).toEqual(['2026-08', '2026-09']);
    expect(lateMonths(deployment, new Set(), new Date('2030-01-01T00:00:00Z'))).toHaveLength(7);
  });

  it('are listed for the operator from the database, drafts not counting as submitted', async () => {
    const deployment = await programmeDb(t.services.db).selectFrom('programme_deployments').selectAll().where('id', '=', aissatou).executeTakeFirstOrThrow();
    const [year, month] = deployment.starts_on.split('-').map(Number) as [number, number];
    // The 6th of the month after the deployment's second month: its first two months are late.
    const now = new Date(Date.UTC(year, month + 1, 6));
    const late = (await lateReports(t.services.db, now)).filter((l) => l.deploymentId === aissatou).map((l) => l.period);
    expect(late).toHaveLength(2);
    const page = await t.request('programme:operator', 'GET', '/admin/programme/reports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="late-reports"');
    expect(page.body).toContain('Aïssatou Ba');
    expect((await t.request('programme:volunteer', 'GET', '/admin/programme/reports')).statusCode).toBe(403);
  });
});

describe('blog posts', () => {
  const hostileTitle = hostileStrings.find((h) => h.name === 'attribute break-out')!.value;
  const hostileBody = hostileStrings.map((h) => h.value).join('\n\n');

  it('go through review before publication; nothing unpublished is public or in the feed', async () => {
    const posts = `/network/programme/deployments/${rachid}/posts`;
    expect((await t.request('programme:volunteer2', 'POST', posts, { title: 'x', summary: 'x', body: 'x', language: 'fr' })).statusCode).toBe(404);
    const created = await t.request('programme:volunteer', 'POST', posts, { title: `Marché ${hostileTitle}`, summary: 'Résumé <b>gras</b>', body: hostileBody, language: 'fr', action: 'submit', _idempotency: 'post-key-00001' });
    expect(created.statusCode).toBe(303);
    const postPath = location(created);
    const postId = postPath.split('/').at(-1)!;
    const isPublic = async () => {
      const blog = await t.request(null, 'GET', '/network/programme/blog');
      const feed = await t.request(null, 'GET', '/network/programme/blog.xml');
      return blog.body.includes('Marché') || feed.body.includes(postId);
    };
    expect(await isPublic()).toBe(false);
    // Frozen while in review; another volunteer or the commune cannot see it.
    expect((await t.request('programme:volunteer', 'POST', postPath, { title: 'Changed', summary: 's', body: 'b', language: 'fr' })).statusCode).toBe(404);
    for (const key of ['programme:volunteer2', 'ndar-toute:admin']) expect((await t.request(key, 'GET', postPath)).statusCode, key).toBe(404);
    expect((await t.request('programme:volunteer', 'POST', `/admin/programme/posts/${postId}/publish`, {})).statusCode).toBe(403);

    const queue = await t.request('programme:operator', 'GET', '/admin/programme/posts');
    expect(queue.body).toContain(postId);
    expect((await t.request('programme:operator', 'POST', `/admin/programme/posts/${postId}/return`, { comment: '' })).statusCode).toBe(422);
    expect((await t.request('programme:operator', 'POST', `/admin/programme/posts/${postId}/return`, { comment: 'Ajoutez une photo légendée.' })).statusCode).toBe(303);
    const returned = await t.request('programme:volunteer', 'GET', postPath);
    expect(returned.body).toContain('Ajoutez une photo légendée.');
    expect(returned.body).toContain('id="post-form"');
    expect(await isPublic()).toBe(false);

    expect((await t.request('programme:volunteer', 'POST', postPath, { title: `Marché ${hostileTitle}`, summary: 'Résumé <b>gras</b>', body: `${hostileBody}\n\nMerci à **toutes**.`, language: 'fr', action: 'submit' })).statusCode).toBe(303);
    const publish = await t.request('programme:operator', 'POST', `/admin/programme/posts/${postId}/publish`, {});
    expect(publish.statusCode).toBe(303);
    expect((await t.request('programme:operator', 'POST', `/admin/programme/posts/${postId}/publish`, {})).statusCode).toBe(303);
    expect((await audits('programme.post.published')).filter((a) => a.resource_id === postId)).toHaveLength(1);
    expect(await isPublic()).toBe(true);

    const post = await writingDb(t.services.db).selectFrom('programme_posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow();
    expect(post.slug).toMatch(/^marche-script-alert-6-[a-z0-9-]{1,40}-[0-9a-f]{6}$/);
    const page = await t.request(null, 'GET', `/network/programme/blog/${post.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>toutes</strong>');

    expect((await t.request('programme:operator', 'POST', `/admin/programme/posts/${postId}/unpublish`, {})).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/network/programme/blog/${post.slug}`)).statusCode).toBe(404);
    expect(await isPublic()).toBe(false);
    expect((await audits('programme.post.unpublished')).map((a) => a.resource_id)).toContain(postId);
    await t.request('programme:operator', 'POST', `/admin/programme/posts/${postId}/publish`, {});
  });

  it('render hostile titles and bodies inert on every page, and the feed escapes them', async () => {
    const post = await writingDb(t.services.db).selectFrom('programme_posts').selectAll().where('title', 'like', 'Marché%').executeTakeFirstOrThrow();
    const pages = [
      [null, '/network/programme/blog'],
      [null, `/network/programme/blog/${post.slug}`],
      ['programme:operator', '/admin/programme/posts'],
      ['programme:operator', `/network/programme/deployments/${rachid}/posts/${post.id}`],
      ['programme:volunteer', '/network/programme/writing'],
    ] as const;
    for (const [key, url] of pages) {
      const page = await t.request(key, 'GET', url);
      expect(page.statusCode, url).toBe(200);
      expect(inertnessProblems(page.body), url).toEqual([]);
      expect(visibleText(page.body), url).toContain(hostileStrings.find((h) => h.name === 'attribute break-out')!.probe);
    }
    const feed = await t.request(null, 'GET', '/network/programme/blog.xml');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    const text = xmlText(feed.body);
    expect(text).toContain('"><script>alert(6)</script>');
    expect(feed.body).not.toContain('<script>');
    expect(text).toContain('Trois mois à Ndar Toute');
    expect(text).not.toContain('Préparer une consultation au marché central');
  });

  it('lists the published posts newest first, filtered by commune', async () => {
    const all = await t.request(null, 'GET', '/network/programme/blog');
    expect(all.body).toContain('Tiznit El Jadida : des plaintes aux réponses');
    expect(all.body).not.toContain('Préparer une consultation');
    const ndar = await t.request(null, 'GET', '/network/programme/blog?commune=ndar-toute');
    expect(ndar.body).toContain('Trois mois à Ndar Toute');
    expect(ndar.body).not.toContain('des plaintes aux réponses');
    expect(ndar.body.indexOf('Marché')).toBeGreaterThan(0);
    expect(ndar.body.indexOf('Marché')).toBeLessThan(ndar.body.indexOf('Trois mois à Ndar Toute'));
    expect((await t.request(null, 'GET', '/network/programme')).statusCode).toBe(200);
    expect((await t.request(null, 'GET', '/')).body).toContain('href="/network/programme/blog"');
  });
});

describe('lessons learned', () => {
  it('folding a lesson adds one draft chapter to the chosen guide, audited, however many times it is folded', async () => {
    const lessons = await t.request('programme:volunteer', 'POST', `/network/programme/deployments/${rachid}/lessons`, { title: 'Afficher les délais', worked: 'Un tableau à l’accueil', recommendation: 'Afficher les délais de réponse', audience: 'staff', language: 'fr', _idempotency: 'lesson-key-0001' });
    expect(lessons.statusCode).toBe(303);
    expect((await t.request('programme:volunteer2', 'GET', `/network/programme/deployments/${rachid}/lessons`)).statusCode).toBe(404);
    const lesson = await writingDb(t.services.db).selectFrom('programme_lessons').selectAll().where('title', '=', 'Afficher les délais').executeTakeFirstOrThrow();
    const fold = `/admin/programme/lessons/${lesson.id}/fold`;
    expect((await t.request('programme:volunteer', 'POST', fold, { guide: 'mayors-guide' })).statusCode).toBe(403);
    expect((await t.request('programme:operator', 'POST', fold, { guide: 'mayors-guide' })).statusCode).toBe(303);
    expect((await t.request('programme:operator', 'POST', fold, { guide: 'mayors-guide' })).statusCode).toBe(303);
    const guide = await t.services.db.selectFrom('network_guides' as never).select('id' as never).where('slug' as never, '=', 'mayors-guide' as never).executeTakeFirstOrThrow() as { id: string };
    const chapters = await t.services.db.selectFrom('network_guide_chapters' as never).selectAll().where('guide_id' as never, '=', guide.id as never).execute() as { key: string; body: Record<string, string> }[];
    const folded = chapters.filter((c) => c.key === `lesson-${lesson.id.slice(0, 8)}`);
    expect(folded).toHaveLength(1);
    expect(folded[0]!.body.fr).toContain('## Recommandation');
    expect((await audits('network.guide.chapter_added')).filter((a) => a.resource_id === guide.id)).toHaveLength(1);
    expect((await audits('programme.lesson.folded')).map((a) => a.resource_id)).toContain(lesson.id);
    // A draft chapter: the published guide readers see is unchanged.
    expect((await t.request(null, 'GET', '/network/guides/mayors-guide')).body).not.toContain('Afficher les délais');
    const page = await t.request('programme:operator', 'GET', '/admin/programme/lessons');
    // A team operator reads the published guide; platform administrators, who edit guides, go to the draft.
    expect(page.body).toContain('href="/network/guides/mayors-guide"');
    expect((await t.request('platform-admin', 'GET', '/admin/programme/lessons')).body).toContain('href="/admin/network/guides/mayors-guide#chapters"');
    expect(page.body).toContain('href="/network/practices"');
  });

  it('links a lesson to a good practice, refusing anything but a practice or web address', async () => {
    const lesson = await writingDb(t.services.db).selectFrom('programme_lessons').selectAll().where('title', '=', 'Afficher les délais').executeTakeFirstOrThrow();
    const link = `/admin/programme/lessons/${lesson.id}/practice`;
    const refused = await t.request('programme:operator', 'POST', link, { practice_url: 'javascript:alert(1)' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('value="javascript:alert(1)"');
    expect(inertnessProblems(refused.body)).toEqual([]);
    expect((await t.request('programme:operator', 'POST', link, { practice_url: '/network/practices/00000000-0000-4000-8000-000000000001' })).statusCode).toBe(303);
    expect((await t.request('programme:operator', 'GET', '/admin/programme/lessons')).body).toContain('href="/network/practices/00000000-0000-4000-8000-000000000001"');
  });

  it('the demo has a lesson folded into the volunteers’ guide', async () => {
    const folded = await writingDb(t.services.db).selectFrom('programme_lessons').selectAll().where('guide_slug', '=', 'volunteers-guide').execute();
    expect(folded).toHaveLength(1);
    // The volunteer is sent to the published guide, not to the editors' draft.
    const page = await t.request('programme:volunteer', 'GET', `/network/programme/deployments/${rachid}/lessons`);
    expect(page.body).toContain('href="/network/guides/volunteers-guide"');
    expect(page.body).not.toContain('class="inline-form fold-form"');
  });
});
