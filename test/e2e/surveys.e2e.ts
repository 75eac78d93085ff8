import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('a citizen answers the demo survey (JavaScript off)', () => {
  it('answers with a condition met, is thanked, and reads the results chart once the consultation closes', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000005', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/consultations');
    await page.locator('.grid a').first().click();
    await page.locator('a[href$="/survey"]').first().click();
    await page.getByLabel('Eau potable').check();
    await page.getByLabel('WhatsApp').check();
    await page.getByLabel('Oui').check();
    await page.getByLabel('4', { exact: true }).check();
    await page.locator('form.survey-form textarea').fill('Des réunions le samedi, s’il vous plaît.');
    await page.locator('form.survey-form button[type="submit"]').click();
    await page.waitForURL('**/survey');
    expect(await page.locator('main').textContent()).toContain('Vos réponses ont été enregistrées');
    expect(await page.locator('form.survey-form').count()).toBe(0);

    // The phase is still open, so results stay hidden until the commune closes the consultation.
    await sql`update consultations set status = 'closed', closed_at = now()`.execute(h.palabre.services.db);
    await page.locator('a[href$="/survey/results"]').first().click();
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('svg[role="img"]').first().getAttribute('aria-label')).toBe('1. Quelle est la priorité de votre quartier ?');
    // Seeded answers (2 of 4 for "Eau potable") plus this one.
    expect(await page.locator('table:has(caption:text("1. Quelle")) tr:has(th:text("Eau potable")) td').allTextContents()).toEqual(['3', '60 %']);
    await context.close();

    // axe runs as a script in the page, so in a second, anonymous visit with JavaScript on.
    const visitor = await (await h.newContext({ javaScriptEnabled: true })).newPage();
    for (const url of [page.url(), page.url().replace(/\/results$/, '')]) {
      await visitor.goto(url);
      expect(await seriousAccessibilityViolations(visitor)).toEqual([]);
    }
    await visitor.context().close();

    const staff = await (await h.newContext({ javaScriptEnabled: true })).newPage();
    await signInByPhone(staff, '+221770000002', '/sign-in?commune=ndar-toute');
    await staff.goto(page.url().replace(/\/consultations\/.*/, '/admin/consultations'));
    await staff.locator('main ul a').first().click();
    await staff.locator('a[href$="/survey"]').first().click();
    expect(await staff.locator('main li.card').count()).toBe(5);
    expect(await seriousAccessibilityViolations(staff)).toEqual([]);
    await staff.context().close();
  });
});
