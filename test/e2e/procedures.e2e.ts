import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('the procedures catalogue', () => {
  it('a visitor searches a procedure in Arabic without JavaScript, opens it and prints it on one page', async () => {
    const context = await h.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/tiznit-el-jadida/services');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('#q').fill('رخصة');
    await page.locator('#service-search [type="submit"]').click();
    await page.waitForURL(/q=/);
    expect(await page.locator('.service-group li.card').count()).toBe(1);
    await page.getByRole('link', { name: 'رخصة البناء' }).click();
    expect(await page.locator('h1').textContent()).toBe('رخصة البناء');
    expect(await page.locator('.procedure-documents li').allTextContents()).toEqual(['شهادة الملكية', 'التصاميم المعمارية الموقعة من مهندس معماري', 'وصل أداء الرسوم']);
    expect(await page.locator('.procedure-sheet').textContent()).toMatch(/الأجل القانوني/);

    await page.locator('#print-link').click();
    await page.waitForURL(/\/print$/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('#print-link').isVisible()).toBe(false);
    expect(await page.locator('.procedure-sheet').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    await context.close();
  }, 60_000);
});
