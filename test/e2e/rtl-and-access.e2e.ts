import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

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

describe('cross-commune access', () => {
  it('staff of Tiznit El Jadida are refused the back-office of Ndar Toute with a translated page', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signInByPhone(page, '+212600000002', '/sign-in?commune=tiznit-el-jadida');
    const response = await page.goto('/ndar-toute/admin/roles?lang=fr');
    expect(response?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain("Vous n'avez pas le droit");
    const own = await page.goto('/tiznit-el-jadida/admin');
    expect(own?.status()).toBe(200);
    await context.close();
  });
});

describe('accessibility (axe-core): no serious or critical violation', () => {
  const pages = ['/', '/ndar-toute/', '/tiznit-el-jadida/', '/ndar-toute/council', '/ndar-toute/news', '/ndar-toute/services', '/ndar-toute/documents', '/sign-in'];
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

  it('the back-office pages of a commune administrator', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signInByPhone(page, '+221770000001', '/sign-in?commune=ndar-toute');
    for (const path of ['/ndar-toute/admin', '/ndar-toute/admin/roles', '/ndar-toute/admin/audit', '/account']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
