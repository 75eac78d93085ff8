import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('following the commune’s commitments', () => {
  it('a citizen without JavaScript goes from the menu to a commitment and its milestones, in French then in Arabic', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/ndar-toute/');
    await page.getByRole('link', { name: 'Engagements' }).first().click();
    expect(await page.locator('#plans').textContent()).toContain('Avancement du plan : 39 %');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    await page.getByRole('link', { name: /Publier le budget et les marchés publics/ }).click();
    expect(await page.locator('#commitment-status').textContent()).toContain('Substantiel — 67 % réalisé');
    expect(await page.locator('#milestones tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'العربية' }).click();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toContain('نشر الميزانية والصفقات العمومية كبيانات مفتوحة');
    await context.close();
  }, 60_000);

  it('the plan page passes the accessibility audit in French and Arabic', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${page.url()}?lang=ar`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
