import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h?.close(); });

const title = 'Une journée portes ouvertes à la mairie de Ndar Toute';

describe('the programme’s volunteers’ blog', () => {
  it('a volunteer writes and submits a post without JavaScript; the operator publishes it; it is on the blog and in the feed', async () => {
    const volunteer = await h.newContext({ javaScriptEnabled: false });
    const page = await volunteer.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+212600000090');
    await page.goto('/network/programme/writing');
    await page.getByRole('link', { name: 'Écrire un billet' }).click();
    await page.locator('input[name="title"]').fill(title);
    await page.locator('textarea[name="summary"]').fill('Les habitants ont visité les services et posé leurs questions.');
    await page.locator('textarea[name="body"]').fill('Plus de **deux cents** personnes sont venues.\n\n- l’état civil\n- les finances');
    await page.locator('#post-form button[value="submit"]').click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    expect(await page.locator('.badge').first().textContent()).toBe('En relecture');
    await volunteer.close();

    // Not public while in review.
    const visitor = await h.newContext({ javaScriptEnabled: false });
    const reader = await visitor.newPage();
    await reader.goto('/network/programme/blog');
    expect(await reader.getByText(title).count()).toBe(0);

    const operator = await h.newContext({ javaScriptEnabled: false });
    const desk = await operator.newPage();
    desk.setDefaultTimeout(15_000);
    await signInByPhone(desk, '+221770000080');
    await desk.goto('/admin/programme/posts');
    await desk.locator('#posts-waiting').getByRole('link', { name: title }).click();
    await desk.locator('#publish-form button').click();
    await desk.waitForLoadState('domcontentloaded');
    expect(await desk.locator('#post-review .badge').textContent()).toBe('Publié');
    await operator.close();

    await reader.goto('/network/programme/blog');
    await reader.getByRole('link', { name: title }).click();
    expect(await reader.locator('h1').textContent()).toBe(title);
    expect(await reader.locator('#post-body strong').textContent()).toBe('deux cents');
    const feed = await reader.request.get('/network/programme/blog.xml');
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(await feed.text()).toContain(`<title>${title}</title>`);
    await visitor.close();
  }, 90_000);

  it('the blog, a post and the volunteer’s desk pass the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/network/programme/blog');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('#blog-posts a').first().click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await signInByPhone(page, '+212600000090');
    await page.goto('/network/programme/writing');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
