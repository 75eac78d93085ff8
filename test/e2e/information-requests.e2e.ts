import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('access-to-information requests, JavaScript off', () => {
  it('a resident asks without an account, staff ask for a clarification, the resident answers, staff refuse on a ground of the law', async () => {
    const resident = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await resident.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/requests');
    await page.locator('a[href$="/requests/information"]').first().click();
    await page.locator('#make-request').click();
    // A contact that is neither a phone nor an e-mail: refused, what was typed is kept.
    await page.locator('#subject').fill('Contrat de collecte des ordures');
    await page.locator('#description').fill('Je demande le contrat de collecte des ordures signé en 2025.');
    await page.getByLabel('Copie papier à la mairie').check();
    await page.locator('#contact').fill('pas un numéro');
    await page.locator('#information-form button[type="submit"]').click();
    expect(await page.locator('.error-summary').textContent()).toContain('Téléphone ou e-mail');
    expect(await page.locator('#description').inputValue()).toContain('contrat de collecte');
    await page.locator('#contact').fill('+221 77 000 00 77');
    await page.locator('#name').fill('Khady Confidentielle');
    await page.locator('#information-form button[type="submit"]').click();
    const summary = (await page.locator('#filed-summary').textContent()) ?? '';
    const reference = /AI-\d{4}-\d{5}/.exec(summary)![0];
    await page.locator('#follow-link').click();
    expect(await page.locator('#ati-law').textContent()).toContain('8 jours ouvrables');
    expect(await page.content()).not.toContain('Khady Confidentielle');

    const officer = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const staff = await officer.newPage();
    staff.setDefaultTimeout(8000);
    await signInByPhone(staff, '+221770000002', '/sign-in?commune=ndar-toute');
    await staff.goto('/ndar-toute/admin/requests/information');
    await staff.getByRole('link', { name: reference }).click();
    expect(await staff.locator('#requester').textContent()).toContain('Khady Confidentielle');
    await staff.locator('#action-clarify textarea[name="message"]').fill('Parlez-vous du contrat principal ou des avenants ?');
    await staff.locator('#action-clarify button[type="submit"]').click();

    await page.reload();
    expect(await page.locator('#clock-stopped').textContent()).toContain('Délai suspendu');
    await page.locator('#reporter-actions textarea[name="body"]').fill('Le contrat principal seulement.');
    await page.locator('#reporter-actions form').first().locator('button[type="submit"]').click();
    expect(await page.locator('#ati-due').textContent()).toContain('au plus tard le');

    await staff.reload();
    await staff.getByLabel('Défense nationale').check();
    await staff.locator('#action-refuse textarea[name="explanation"]').fill('Le contrat couvre un site militaire.');
    await staff.locator('#action-refuse button[type="submit"]').click();

    await page.reload();
    expect(await page.locator('#ati-refusal').textContent()).toContain('Défense nationale');
    expect(await page.locator('#ati-appeal').textContent()).toContain('CONAI');
    await resident.close();
    await officer.close();
  });

  it('the request form and the statistics page have no serious accessibility problem, in Arabic too', async () => {
    const context = await h.newContext({ locale: 'ar' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    for (const path of ['/tiznit-el-jadida/requests/information/new', '/tiznit-el-jadida/requests/information/statistics', '/ndar-toute/requests/information']) {
      await page.goto(path);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
