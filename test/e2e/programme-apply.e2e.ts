import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('applying to a programme call', () => {
  it('an applicant, JavaScript off, completes her draft, is refused for a missing answer, submits and finds her reference', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000091', '/sign-in?return=%2Fnetwork%2Fprogramme');
    await page.goto('/network/programme/calls/volontaires-2');
    await page.getByRole('link', { name: 'Continuer ma candidature' }).click();
    await page.waitForURL(/\/apply$/);
    // The seeded draft holds her expertise already.
    expect(await page.locator('#f_expertise').inputValue()).toBe('Animation communautaire.');
    await page.locator('#country').selectOption('SN');
    await page.locator('#gender').selectOption('female');
    await page.locator('#birth_year').fill('1999');
    await page.locator('input[name="f_available"][value="yes"]').check();
    await page.locator('input[name="f_passport_valid"][value="yes"]').check();
    await page.locator('#f_open_data').selectOption('some');
    await page.locator('input[name="f_trainer"][value="no"]').check();
    await page.locator('#f_local_governance').selectOption('strong');
    await page.locator('#f_civic_tech').selectOption('none');
    // The motivation is left empty: the submission is refused, everything typed stays.
    await page.locator('#application-form button[value="submit"]').click();
    expect(await page.locator('.error-summary').textContent()).toContain('Votre motivation');
    expect(await page.locator('#birth_year').inputValue()).toBe('1999');
    expect(await page.locator('#f_open_data').inputValue()).toBe('some');
    await page.locator('#f_motivation').fill('Accompagner une commune du réseau vers la transparence budgétaire.');
    await page.locator('#application-form button[value="submit"]').click();
    await page.waitForURL(/\/network\/programme\/applications\/[0-9a-f-]{36}\?confirmed=1$/);
    const confirmation = (await page.locator('#confirmation').textContent()) ?? '';
    const reference = /PRG-\d{4}-\d{4}/.exec(confirmation)?.[0];
    expect(reference).toBeTruthy();

    await page.goto('/network/programme/applications');
    const card = page.locator('#my-applications li', { hasText: reference! });
    expect(await card.locator('.status').textContent()).toBe('Envoyée, en cours d’examen');
    await context.close();
  }, 90_000);

  it('the application form and the statistics pass the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await signInByPhone(page, '+212600000082');
    for (const path of ['/network/programme/calls/volontaires-2/apply', '/network/programme/calls/volontaires-1/statistics']) {
      await page.goto(path);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  }, 60_000);
});
