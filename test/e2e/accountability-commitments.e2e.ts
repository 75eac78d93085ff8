import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('following the commune’s commitments', () => {
  it('a citizen without JavaScript goes from the menu to a commitment and its milestones, in French then in Arabic', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/ndar-toute/');
    await page.getByRole('link', { name: 'Engagements' }).first().click();
    expect(await page.locator('#plans').textContent()).toContain('Avancement du plan : 39 %');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    await page.getByRole('link', { name: /Publier le budget et les marchés publics/ }).click();
    expect(await page.locator('#commitment-status').textContent()).toContain('Substantiel — 67 % réalisé');
    expect(await page.locator('#milestones tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'العربية' }).click();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toContain('نشر الميزانية والصفقات العمومية كبيانات مفتوحة');
    await context.close();
  }, 60_000);

  it('the plan page passes the accessibility audit in French and Arabic', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${page.url()}?lang=ar`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('a resident comments on a commitment without JavaScript, staff answer with reasons, and the public count follows', async () => {
    const resident = await h.newContext({ javaScriptEnabled: false });
    const page = await resident.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000005');
    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    await page.getByRole('link', { name: /Publier le budget et les marchés publics/ }).click();
    await page.getByLabel('Votre commentaire').fill('Publiez aussi les factures des travaux de voirie.');
    await page.getByRole('button', { name: 'Envoyer le commentaire' }).click();
    expect(await page.locator('#comment-counts').textContent()).toContain('1 sans réponse');
    const commitmentUrl = page.url().split('#')[0]!;
    await resident.close();

    const staff = await h.newContext({ javaScriptEnabled: false });
    const office = await staff.newPage();
    office.setDefaultTimeout(15_000);
    await signInByPhone(office, '+221770000002');
    await office.goto('/ndar-toute/admin/plans/comments');
    await office.locator('#comment-queue li', { hasText: 'factures des travaux de voirie' }).getByRole('link', { name: 'Répondre' }).click();
    await office.getByLabel('Pris en compte en partie').check();
    await office.getByLabel('Réponse motivée').fill('Les factures de plus de 5 millions seront publiées chaque trimestre.');
    await office.getByRole('button', { name: 'Publier la réponse' }).click();
    await office.goto(commitmentUrl);
    expect(await office.locator('#comment-list').textContent()).toContain('Les factures de plus de 5 millions seront publiées chaque trimestre.');
    expect(await office.locator('#comment-counts').textContent()).toContain('0 sans réponse');
    await staff.close();
  }, 90_000);
});
