import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('surveys by USSD and contributions by channel', () => {
  it('JavaScript off: staff play a resident who answers the open survey by USSD, then see it counted by channel', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels');
    await page.getByLabel('Numéro du téléphone simulé').fill('77 000 55 68');
    await page.getByRole('button', { name: 'Composer le code USSD' }).click();
    expect(await page.locator('#ussd-screen').textContent()).toContain('5 Sondage');
    for (const answer of ['5', '1', '1', '4', '1']) {
      await page.getByLabel('Votre réponse').fill(answer);
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    }
    expect(await page.locator('#ussd-screen').textContent()).toBe('Merci ! Votre réponse est enregistrée.');
    await page.goto('/ndar-toute/admin');
    await page.getByRole('link', { name: 'Participation par canal' }).first().click();
    expect(Number(await page.locator('tr[data-channel="ussd"] td[data-kind="survey_responses"]').textContent())).toBeGreaterThanOrEqual(1);
    await context.close();
  }, 90_000);

  it('the staff and public statistics pages pass the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/ndar-toute/channels/statistics');
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels/statistics');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
