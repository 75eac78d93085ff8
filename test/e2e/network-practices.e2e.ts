import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('the network’s good practices and guides', () => {
  it('staff write and publish a practice without JavaScript; the network finds it by searching', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin');
    await page.getByRole('link', { name: 'Bonnes pratiques (réseau)' }).first().click();
    await page.getByRole('link', { name: 'Nouvelle bonne pratique' }).click();
    await page.locator('input[name="title_fr"]').fill('Bornes-fontaines gérées par les comités de quartier');
    await page.locator('textarea[name="summary_fr"]').fill('Chaque comité tient les comptes de sa borne-fontaine et les affiche.');
    await page.locator('textarea[name="body_fr"]').fill('Les comités publient **chaque mois** les recettes et les réparations.');
    await page.locator('#principles-accountability').check();
    await page.locator('#modules-finances').check();
    await page.locator('input[name="contact_name"]').fill('Ousmane Diallo');
    await page.locator('#practice-form [type="submit"]').click();
    await page.waitForURL(/\/ndar-toute\/admin\/network\/practices\/[0-9a-f-]{36}$/);
    await page.locator('#status-form [type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#status-form strong').textContent()).toBe('Publiée');

    await page.goto('/network/practices');
    await page.locator('#q').fill('fontaines');
    await page.locator('#principle').selectOption('accountability');
    await page.locator('#practice-search [type="submit"]').click();
    await page.waitForURL(/q=fontaines/);
    await page.getByRole('link', { name: 'Bornes-fontaines gérées par les comités de quartier' }).click();
    expect(await page.locator('h1').textContent()).toBe('Bornes-fontaines gérées par les comités de quartier');
    expect(await page.locator('#what-was-done strong').textContent()).toBe('chaque mois');
    await context.close();
  }, 60_000);

  it('a guide prints to a PDF: chapters on their own pages, without the site navigation', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/network/guides');
    await page.getByRole('link', { name: 'Guide du maire pour la gouvernance ouverte locale' }).click();
    expect(await page.locator('section.guide-chapter').count()).toBe(11);
    expect(await page.locator('#budget-transparency h2').textContent()).toContain('La transparence budgétaire');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.guide-toc').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(10_000);
    // A page per chapter at least, after the contents.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(12);
    await context.close();
  }, 60_000);

  it('the library and a guide pass the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    for (const path of ['/network/practices', '/network/guides/volunteers-guide']) {
      await page.goto(path);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  }, 60_000);
});
