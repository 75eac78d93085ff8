import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('the open-governance scorecard', () => {
  it('JavaScript off: a partner compares the communes, sorts and filters them, opens one and learns how to raise it', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/');
    await page.getByRole('link', { name: 'Les communes du réseau, côte à côte' }).click();
    // The first click sorts from the end (Z to A), like the score columns (best first).
    await page.getByRole('link', { name: 'Commune' }).click();
    const rows = await page.locator('#network-scorecard tbody th').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Tiznit');
    await page.getByLabel('Pays').selectOption('SN');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    expect(await page.locator('#network-scorecard tbody th').allTextContents()).toEqual([expect.stringContaining('Ndar Toute')]);
    await page.locator('#network-scorecard tbody th a').click();
    expect(await page.locator('#overall-score').textContent()).toMatch(/^\d+([,.]\d)?\/100$/);
    await page.locator('#indicator-decisions_timely summary').click();
    expect(await page.locator('#indicator-decisions_timely').getByRole('link', { name: 'Voir les données' }).getAttribute('href')).toBe('/ndar-toute/council-decisions');
    await page.locator('#gains a', { hasText: 'comment faire (guide)' }).first().click();
    expect(page.url()).toMatch(/\/network\/guides\/mayors-guide#[a-z-]+$/);
    await context.close();
  }, 90_000);

  it('the programme report prints to a PDF, and the pages pass the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/network/report');
    expect(await page.locator('#report-ndar-toute').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/network/scorecard');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/ndar-toute/scorecard');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 90_000);
});
