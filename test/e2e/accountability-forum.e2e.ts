import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('the multi-stakeholder forum (JavaScript off)', () => {
  it('staff record a meeting with its attendance; the public forum page shows it and the plan page its checklist', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/forum');
    await page.getByRole('link', { name: 'Nouvelle réunion' }).click();
    await page.locator('input[name="starts_at"]').fill('2026-11-02T16:00');
    await page.locator('input[name="place"]').fill('Maison des jeunes de Pikine');
    await page.locator('select[name="plan_id"]').selectOption({ label: 'Plan d’action OGP Local 2026-2027' });
    await page.locator('textarea[name="agenda"]').fill('Écoute des jeunes sur le suivi des plaintes');
    await page.locator('input[name="agenda_published_on"]').fill('2026-10-20');
    await page.locator('textarea[name="minutes_text"]').fill('Les jeunes demandent un numéro court pour les plaintes.');
    await page.getByLabel('Fatou Sow').check();
    await page.getByLabel('Cheikh Ba').check();
    await page.getByLabel('Awa Ndiaye').check();
    await page.locator('input[name="other_attendees"]').fill('17');
    await page.locator('#meeting-form button[type="submit"]').click();
    await page.waitForURL('**/admin/forum/meetings/**');
    await page.locator('textarea[name="decision_text"]').fill('La mairie étudie un numéro court pour les plaintes.');
    await page.locator('#decision-form button[type="submit"]').click();
    await page.waitForURL('**/admin/forum/meetings/**');

    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: /Le forum multi-acteurs/ }).click();
    const meeting = page.locator('article', { hasText: 'Maison des jeunes de Pikine' });
    expect(await meeting.locator('.attendance').textContent()).toBe('3 membre(s) présent(s) et 17 autre(s) participant(s)');
    expect(await meeting.textContent()).toContain('La mairie étudie un numéro court pour les plaintes.');
    expect(await page.locator('#gender-balance').textContent()).toContain('50 %');

    await page.goto('/ndar-toute/plans');
    await page.getByRole('link', { name: 'Plan d’action OGP Local 2026-2027' }).click();
    const checklist = page.locator('#ogp-compliance');
    expect(await checklist.locator('h2').textContent()).toBe('Conformité OGP Local');
    expect(await checklist.locator('li').count()).toBe(6);
    expect(await checklist.locator('li[data-rule="endorsement"]').textContent()).toContain('Respecté');
    expect(await checklist.locator('li[data-rule="regular_meetings"]').textContent()).toContain('Non respecté');
    await checklist.getByRole('link', { name: 'Détail de la conformité' }).click();
    expect(await page.locator('#plan-meetings li').count()).toBe(4);
    await context.close();
  }, 90_000);

  it('the forum page passes the accessibility audit in French and Arabic', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/ndar-toute/forum');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/ndar-toute/forum?lang=ar');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
