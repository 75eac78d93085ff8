import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/modules/requests/commands/complaint-commands.js';
import { scoped } from '../../src/modules/requests/queries/requests-db.js';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('the administrator configures complaints', () => {
  it('without JavaScript: adds a service, routes a category in one neighbourhood to it, and a new complaint goes there', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInByPhone(page, '+221770000001', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin');
    await page.getByRole('link', { name: 'Réglages des plaintes' }).first().click();
    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await page.getByRole('link', { name: 'Nouveau service' }).click();
    // A mistake first (the name only in English): the page says what is wrong and keeps what was typed.
    await page.locator('input[name="name_en"]').fill('Guet Ndar brigade');
    await page.locator('input[name="email"]').fill('guet-ndar@ndar.example');
    await page.locator('form:has(input[name="email"]) button[type="submit"]').click();
    expect(await page.locator('.error-summary').textContent()).toContain('Nom (Français)');
    expect(await page.locator('input[name="name_en"]').inputValue()).toBe('Guet Ndar brigade');
    await page.locator('input[name="name_fr"]').fill('Brigade de Guet Ndar');
    await page.locator('form:has(input[name="email"]) button[type="submit"]').click();
    await page.waitForURL('**/admin/requests/settings/services');
    expect(await page.locator('.notice-success').count()).toBe(1);

    await page.goto('/ndar-toute/admin/requests/settings/routing');
    await page.getByLabel('Service pour Voirie et routes — Guet Ndar').selectOption({ label: 'Brigade de Guet Ndar' });
    await page.getByRole('button', { name: 'Enregistrer l’acheminement' }).click();
    await page.waitForURL('**/admin/requests/settings/routing');
    expect(await page.locator('.notice-success').count()).toBe(1);
    expect(await page.getByLabel('Service pour Voirie et routes — Guet Ndar').locator('option:checked').textContent()).toBe('Brigade de Guet Ndar');
    await context.close();

    const db = h.palabre.services.db;
    const commune = await db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    const roads = await scoped(db, commune.id).selectFrom('request_categories').selectAll().where('code', '=', 'roads').executeTakeFirstOrThrow();
    const brigade = await scoped(db, commune.id).selectFrom('request_services').select('id').where('email', '=', 'guet-ndar@ndar.example').executeTakeFirstOrThrow();
    const reporter = { userId: null, name: null, phone: null, email: null, locale: 'fr' };
    const { request } = await fileComplaint(db, commune, { categoryId: roads.id, description: 'Nid-de-poule', neighbourhood: 'Guet Ndar', latitude: null, longitude: null, address: null, photoFileId: null, wantsPrivacy: false, channel: 'web', reporter });
    expect(request.service_id).toBe(brigade.id);
  }, 180_000);

  it('the settings pages pass the accessibility audit', async () => {
    // axe-core runs as a script in the page, so this audit needs JavaScript.
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await signInByPhone(page, '+221770000001', '/sign-in?commune=ndar-toute');
    for (const path of ['', '/categories/new', '/services/new', '/routing', '/states']) {
      await page.goto(`/ndar-toute/admin/requests/settings${path}`);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  }, 180_000);
});
