import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  mkdirSync('test-results', { recursive: true });
});
afterAll(() => h?.close());

describe('Arabic pages', () => {
  it('render right to left: the header starts on the right-hand side', async () => {
    const context = await h.newContext({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto('/tiznit-el-jadida/');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const viewport = page.viewportSize()!;
    const brand = await page.locator('.brand').boundingBox();
    expect(brand!.x + brand!.width).toBeGreaterThan(viewport.width / 2);
    expect(await page.locator('h1').first().evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { direction: string } }).getComputedStyle(el).direction)).toBe('rtl');
    await page.screenshot({ path: 'test-results/tiznit-home-ar.png', fullPage: true });
    await context.close();
  });
});

describe('accessibility (axe-core): no serious or critical violation', () => {
  const pages = ['/ndar-toute/', '/tiznit-el-jadida/', '/ndar-toute/council', '/ndar-toute/news', '/ndar-toute/services', '/ndar-toute/documents'];
  for (const path of pages) {
    it(path, async () => {
      const context = await h.newContext({ locale: path.includes('tiznit') ? 'ar' : 'fr-FR' });
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
