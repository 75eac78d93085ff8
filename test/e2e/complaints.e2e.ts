import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('complaints without an account', () => {
  it('a resident, JavaScript off, files a complaint, then follows it by its reference from another visit', async () => {
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/requests');
    await page.locator('a[href$="/requests/new"]').first().click();
    // A first try with a mistake: what was typed stays, the error says which field.
    await page.getByLabel('Ordures et assainissement').check();
    await page.locator('#description').fill('Un tas d’ordures bloque la ruelle derrière l’école de Pikine.');
    await page.locator('#neighbourhood').selectOption('Pikine');
    await page.locator('#contact').fill('pas un numéro');
    await page.locator('#complaint-form button[type="submit"]').click();
    expect(await page.locator('.error-summary').textContent()).toContain('Téléphone ou e-mail');
    expect(await page.locator('#description').inputValue()).toContain('Un tas d’ordures');
    await page.locator('#contact').fill('+221 77 000 00 31');
    await page.locator('#complaint-form button[type="submit"]').click();
    const summary = (await page.locator('#filed-summary').textContent()) ?? '';
    const reference = /PL-\d{4}-\d{5}/.exec(summary)?.[0];
    expect(reference).toBeTruthy();
    await context.close();

    // Later, another visit, no account: the reference is enough for a public complaint.
    const later = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const again = await later.newPage();
    again.setDefaultTimeout(8000);
    await again.goto('/ndar-toute/requests');
    await again.locator('#follow-form #reference').fill(reference!.toLowerCase());
    await again.locator('#follow-form button[type="submit"]').click();
    await again.waitForURL(new RegExp(`/requests/${reference}$`));
    expect(await again.locator('#request-facts').textContent()).toContain('Reçue');
    expect(await again.locator('#timeline').textContent()).toContain('Demande déposée');
    expect(await again.content()).not.toContain('+221770000031');
    await later.close();
  });

  it('in Arabic, right to left: a private complaint opened only with its tracking code, and a reply from the resident', async () => {
    const context = await h.newContext({ locale: 'ar' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/tiznit-el-jadida/requests/new');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('الإنارة العمومية').check();
    await page.locator('#description').fill('عمود الإنارة أمام المسجد معطل منذ أسبوعين.');
    await page.locator('input[name="private"]').check();
    await page.locator('#complaint-form button[type="submit"]').click();
    const summary = (await page.locator('#filed-summary').textContent()) ?? '';
    expect(summary).toContain('رمز المتابعة');
    const reference = /PL-\d{4}-\d{5}/.exec(summary)![0];
    const code = /[A-Z2-9]{8}/.exec(summary.replace(reference, ''))![0];

    // Without the code, a private complaint does not exist for the public.
    const response = await page.goto(`/tiznit-el-jadida/requests/${reference}`);
    expect(response?.status()).toBe(404);
    await page.goto('/tiznit-el-jadida/requests');
    await page.locator('#follow-form #reference').fill(reference);
    await page.locator('#follow-form #code').fill(code);
    await page.locator('#follow-form button[type="submit"]').click();
    await page.waitForURL(/\?code=/);
    expect(await page.locator('.notice').first().textContent()).toContain('سري');
    await page.locator('#reporter-actions textarea[name="body"]').fill('العمود قرب المدرسة أيضاً.');
    await page.locator('#reporter-actions form').first().locator('button[type="submit"]').click();
    expect(await page.locator('#timeline').textContent()).toContain('العمود قرب المدرسة أيضاً.');
    await context.close();
  });
});
