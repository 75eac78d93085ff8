import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

for (const javaScriptEnabled of [true, false]) {
  describe(`staff publish news that citizens then read (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    it('a staff member writes and publishes a post; an anonymous visitor sees it on the site and in the feed', async () => {
      const title = `Collecte des ordures au quartier Sor ${javaScriptEnabled ? 'A' : 'B'}`;
      const staff = await h.newContext({ javaScriptEnabled });
      const page = await staff.newPage();
      await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
      await page.goto('/ndar-toute/admin/news/new');
      await page.locator('input[name="title_fr"]').fill(title);
      await page.locator('textarea[name="body_fr"]').fill('Le camion passera **mardi** matin.\n\n- sortez les bacs la veille\n- triez le plastique');
      await page.locator('button[name="intent"][value="publish"]').click();
      await page.waitForURL('**/ndar-toute/admin/news');
      expect(await page.locator('.notice-success').count()).toBe(1);
      await staff.close();

      const citizen = await h.newContext({ javaScriptEnabled });
      const reader = await citizen.newPage();
      await reader.goto('/ndar-toute/news');
      await reader.getByRole('link', { name: title }).click();
      expect(await reader.locator('h1').textContent()).toContain(title);
      expect(await reader.locator('article strong').first().textContent()).toBe('mardi');
      const feed = await (await reader.request.get('/ndar-toute/news/feed.atom')).text();
      expect(feed).toContain(title);
      await citizen.close();
    });
  });
}

describe('a draft stays private', () => {
  it('a draft saved by staff is not on the public site', async () => {
    const staff = await h.newContext();
    const page = await staff.newPage();
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/news/new');
    await page.locator('input[name="title_fr"]').fill('Brouillon confidentiel');
    await page.locator('textarea[name="body_fr"]').fill('Pas encore prêt.');
    await page.locator('button[name="intent"][value="draft"]').click();
    await page.waitForURL('**/ndar-toute/admin/news');
    await staff.close();
    const visitor = await h.newContext();
    const reader = await visitor.newPage();
    await reader.goto('/ndar-toute/news');
    expect(await reader.getByText('Brouillon confidentiel').count()).toBe(0);
    await visitor.close();
  });
});
