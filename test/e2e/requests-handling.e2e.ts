import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('handling complaints in the browser, without JavaScript', () => {
  it('an officer finds the overdue complaint first, moves it on with a public note, adds an internal note; the public sees the note, not the internal one', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/requests');
    // The pothole of Guet Ndar was filed 40 days ago: overdue, so at the top.
    const first = page.locator('#queue tbody tr').first();
    expect(await first.getAttribute('class')).toBe('overdue');
    await first.locator('a').click();
    expect(await page.locator('main').textContent()).toContain('Guet Ndar');
    const handlingUrl = page.url();
    const reference = (await page.locator('h1').textContent())!.trim();

    await page.locator('#state-form select[name="state"]').selectOption('in_progress');
    await page.locator('#state-form textarea[name="note"]').fill('Une équipe rebouche le trou cette semaine.');
    await page.locator('#state-form button').click();
    await page.waitForURL(handlingUrl);
    expect(await page.locator('main').textContent()).toContain('la personne a été prévenue');
    await page.locator('#note-form textarea[name="internal_note"]').fill('Prévoir du gravier en plus');
    await page.locator('#note-form button').click();
    await page.waitForURL(handlingUrl);
    expect(await page.locator('#staff-timeline').textContent()).toContain('Prévoir du gravier en plus');

    const visitor = await (await h.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto(`/ndar-toute/requests/${reference}`);
    const publicText = (await visitor.locator('main').textContent()) ?? '';
    expect(publicText).toContain('Une équipe rebouche le trou cette semaine.');
    expect(publicText).not.toContain('Prévoir du gravier');

    await page.goto('/ndar-toute/admin/requests/dashboard');
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    await context.close();
  });

  it('a mediator files a complaint for an assisted person and gets the reference and code to hand over', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000004', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/requests/on-behalf');
    await page.locator('input[name="category"]').first().check();
    await page.locator('textarea[name="description"]').fill('La borne-fontaine du quartier fuit depuis une semaine.');
    await page.locator('input[name="name"]').fill('Maïmouna Ba');
    await page.locator('#complaint-form button[type="submit"]').click();
    expect(await page.locator('#filed-summary').textContent()).toMatch(/PL-\d{4}-\d{5}[\s\S]*Code de suivi : [A-Z0-9]{8}/);
    await context.close();
  });

  it('the back-office pages have no serious accessibility problem', async () => {
    // axe-core runs as a script in the page, so this context has JavaScript on.
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000001', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/requests');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('#queue tbody tr a').first().click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    for (const path of ['/ndar-toute/admin/requests/dashboard', '/ndar-toute/admin/requests/on-behalf']) {
      await page.goto(path);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
