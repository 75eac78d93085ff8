import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('implementation of a past participatory budget (ndar-toute)', () => {
  it('a visitor with JavaScript off finds the implementation list, a project’s progress and its history', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/budgets');
    await page.locator('main a', { hasText: 'Budget participatif 2025' }).click();
    expect(await page.locator('#implementation h2').textContent()).toBe('Réalisation');
    await page.locator('#implementation a[href$="/implementation"]').click();
    await page.waitForURL(/\/implementation$/);
    const row = page.locator('table.data tr', { hasText: 'Pavage de la ruelle' });
    expect((await row.textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('45 %');
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    await row.locator('a').click();
    expect(await page.locator('progress').getAttribute('value')).toBe('45');
    expect(await page.locator('#implementation-history li').count()).toBe(2);
    expect(await page.locator('#implementation-history').textContent()).toContain('La moitié des pavés est posée');
    await context.close();
  });

  it('the implementation page and a tracked project’s page have no serious accessibility violations', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/budgets');
    await page.locator('main a', { hasText: 'Budget participatif 2025' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('#implementation a[href$="/implementation"]').click();
    await page.waitForURL(/\/implementation$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('table.data a').first().click();
    await page.waitForURL(/\/projects\//);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
