import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('civil society’s shadow assessment beside the commune’s report', () => {
  it('a civil-society representative writes one without JavaScript; the public page shows it beside the commune’s', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000006', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin');
    await page.getByRole('link', { name: 'Évaluations de la société civile' }).first().click();
    await page.getByRole('link', { name: 'Écrire une évaluation parallèle' }).first().click();
    await page.locator('input[name="organisation"]').fill('Forum civil de Ndar Toute');
    await page.locator('input[name="period_start"]').fill('2026-01-01');
    await page.locator('input[name="period_end"]').fill('2026-06-30');
    await page.locator('select[name="status"]').selectOption('limited');
    await page.locator('textarea[name="narrative_fr"]').fill('Deux services sur sept publient leurs marchés.');
    await page.locator('input[name="evidence_title_1"]').fill('Notre relevé des marchés');
    await page.locator('input[name="evidence_url_1"]').fill('https://example.org/releve');
    await page.locator('#report-form [type="submit"]').click();
    await page.waitForURL('**/ndar-toute/admin/shadow-assessments');

    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    await page.getByRole('link', { name: /Publier le budget et les marchés publics/ }).click();
    const period = page.locator('#progress-reports .report-period').filter({ hasText: 'Période du 1 janvier 2026 au 30 juin 2026' });
    const cards = period.locator('.side-by-side > article');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).textContent()).toContain('Rapport de la commune');
    expect(await cards.nth(0).locator('.badge').textContent()).toBe('Substantiel');
    expect(await cards.nth(1).textContent()).toContain('Évaluation parallèle de la société civile — Forum civil de Ndar Toute');
    expect(await cards.nth(1).locator('.badge').textContent()).toBe('Limité');
    expect(await period.locator('[role="note"]').textContent()).toContain('Les appréciations diffèrent');
    expect(await page.locator('#independent-review h2').textContent()).toBe('Revue indépendante');
    // Stacked on a phone, side by side on a wide screen.
    const tops = async () => Promise.all([0, 1].map(async (n) => (await cards.nth(n).boundingBox())!.y));
    const [phoneFirst, phoneSecond] = await tops();
    expect(phoneSecond!).toBeGreaterThan(phoneFirst!);
    await page.setViewportSize({ width: 1280, height: 900 });
    const [wideFirst, wideSecond] = await tops();
    expect(wideSecond).toBe(wideFirst);
    await context.close();
  }, 60_000);

  it('the commitment page with reports and review passes the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    await page.getByRole('link', { name: /Publier le budget et les marchés publics/ }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
