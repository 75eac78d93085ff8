import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('the programme’s review', () => {
  it('a reviewer scores an application of volontaires-2 without JavaScript; it counts on their desk and in the operator’s ranking', async () => {
    const reviewer = await h.newContext({ javaScriptEnabled: false });
    const page = await reviewer.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000081');
    await page.goto('/network/programme/review');
    const desk = page.locator('#desk-volontaires-2');
    expect(await desk.locator('.own-progress').textContent()).toBe('Votre avancement : 3 / 4');
    await desk.getByRole('link', { name: /Amina Ben Salah/ }).click();
    await page.waitForURL(/\/network\/programme\/review\/applications\/[0-9a-f-]{36}$/);
    expect(await page.locator('#answers').textContent()).toContain('Technologies civiques à Sfax.');
    const criteria = page.locator('#score-form fieldset.score-criterion');
    const count = await criteria.count();
    expect(count).toBe(8);
    for (let i = 0; i < count; i += 1) await criteria.nth(i).locator('input[value="4"]').check();
    await page.locator('#comment').fill('Solide expérience des technologies civiques.');
    await page.locator('#score-form [type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.notice-success').textContent()).toContain('Notes enregistrées.');
    expect(await page.locator('#saved-at').count()).toBe(1);
    await page.goto('/network/programme/review');
    expect(await page.locator('#desk-volontaires-2 .own-progress').textContent()).toBe('Votre avancement : 4 / 4');
    await reviewer.close();

    const operator = await h.newContext();
    const admin = await operator.newPage();
    admin.setDefaultTimeout(15_000);
    await signInByPhone(admin, '+221770000080');
    await admin.goto('/admin/programme/review/volontaires-2/ranking');
    const row = admin.locator('#ranking tr', { hasText: 'Amina Ben Salah' });
    expect(await row.locator('.review-count').textContent()).toBe('1');
    expect(await row.locator('.score').textContent()).toBe('4');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await row.getByRole('link', { name: /Amina Ben Salah/ }).click();
    expect(await admin.locator('#team-reviews').textContent()).toContain('Solide expérience des technologies civiques.');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await operator.close();
  }, 90_000);
});
