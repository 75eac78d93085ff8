import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('a citizen looks up a council decision (JavaScript off)', () => {
  it('searches the decisions, opens one and reads its vote and each councillor’s vote', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/council-decisions');
    await page.locator('input[name="q"]').fill('caniveaux');
    await page.locator('select[name="category"]').selectOption('public_procurement');
    await page.locator('form[role="search"] button[type="submit"]').click();
    await page.waitForURL('**/ndar-toute/council-decisions?**');
    const results = page.locator('.decision-list li');
    expect(await results.count()).toBe(1);
    await results.first().locator('a').click();
    await page.waitForURL('**/ndar-toute/council-decisions/**');
    expect(await page.locator('h1').textContent()).toContain('2026-042');
    expect(await page.locator('svg.bar-chart').count()).toBe(1);
    expect(await page.locator('table.vote-counts tr').count()).toBeGreaterThanOrEqual(3);
    const councillor = page.locator('table.councillor-votes a').first();
    const name = await councillor.textContent();
    await councillor.click();
    await page.waitForURL('**/ndar-toute/council/**');
    expect(await page.locator('h1').textContent()).toContain(name!);
    await context.close();
  });
});

describe('staff record a decision that then appears in public', () => {
  it('creates and publishes a decision from the back-office, JavaScript off', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/council-decisions/new');
    await page.locator('input[name="number"]').fill('2026-077');
    await page.locator('input[name="subject_fr"]').fill('Dénomination de la place du marché de Sor');
    await page.locator('textarea[name="text_fr"]').fill('La place prend le nom de Mame Coumba Bang.');
    await page.locator('input[name="votes_for"]').fill('30');
    await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
    await page.waitForURL('**/ndar-toute/admin/council-decisions');
    const row = page.locator('tr', { hasText: '2026-077' });
    await row.locator('form[action$="/publish"] button').click();
    await page.waitForURL('**/ndar-toute/admin/council-decisions');
    await page.goto('/ndar-toute/council-decisions?q=Mame+Coumba');
    expect(await page.locator('.decision-list li').textContent()).toContain('2026-077');
    await context.close();
  });
});

describe('council decision pages are accessible (JavaScript on, for axe)', () => {
  it('has no serious accessibility violation on the list, a decision and the back-office form', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/council-decisions');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('.decision-list a', { hasText: '2026-042' }).click();
    await page.waitForURL('**/ndar-toute/council-decisions/**');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/council-decisions/new');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
