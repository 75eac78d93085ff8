import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('proposal categories (JavaScript off)', () => {
  it('a visitor filters the proposals by category and opens one recorded at a public meeting', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/consultations');
    await page.locator('.grid a').first().click();
    await page.locator('select#filter-category').selectOption('Santé');
    await page.locator('form.filters button[type="submit"]').click();
    await page.waitForURL(/category=Sant/);
    const titles = await page.locator('.news-list h3 a[href*="/proposals/"]').allTextContents();
    expect(titles).toEqual(['Latrines publiques au quai de pêche']);
    await page.locator('.news-list h3 a[href*="/proposals/"]').first().click();
    expect(await page.locator('main').textContent()).toContain('Proposition issue de la réunion publique du');
    await context.close();
  });
});
