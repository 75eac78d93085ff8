import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('the USSD line, played from the simulated phone', () => {
  it('JavaScript off: staff play a resident who reports a problem by USSD and gets a reference to follow it', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin');
    await page.getByRole('link', { name: 'SMS, USSD et WhatsApp' }).first().click();
    expect(await page.locator('#ussd-callback-url').textContent()).toContain('/ndar-toute/channels/ussd/africastalking?token=');
    await page.getByLabel('Numéro du téléphone simulé').fill('77 000 55 66');
    await page.getByRole('button', { name: 'Composer le code USSD' }).click();
    expect(await page.locator('#ussd-screen').textContent()).toContain('1 Signaler un problème');
    for (const answer of ['1', '1', '1', 'Caniveau bouché rue 12', '1']) {
      await page.getByLabel('Votre réponse').fill(answer);
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    }
    const screen = await page.locator('#ussd-screen').textContent();
    expect(screen).toMatch(/^Plainte enregistrée : PL-\d{4}-\d{5}\./);
    const reference = /PL-\d{4}-\d{5}/.exec(screen ?? '')![0];
    await page.getByRole('button', { name: 'Composer le code USSD' }).click();
    await page.getByLabel('Votre réponse').fill('2');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByLabel('Votre réponse').fill(reference);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    expect(await page.locator('#ussd-screen').textContent()).toContain(`${reference} : `);
    await context.close();
  }, 90_000);

  it('JavaScript off: a free SMS from the simulated phone waits in the staff inbox until an officer files it as a complaint', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels');
    await page.getByRole('link', { name: 'Envoyer un SMS depuis un téléphone simulé' }).click();
    await page.getByLabel('Numéro du téléphone simulé').fill('77 000 55 68');
    await page.getByLabel('Texte du SMS').fill('Les ordures ne sont plus ramassées au quartier Sor depuis une semaine');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByRole('link', { name: 'Actualiser la conversation' }).click();
    expect(await page.locator('#sms-conversation').textContent()).toContain('un agent de la commune le lira');
    await page.goto('/ndar-toute/admin/channels');
    await page.getByRole('link', { name: /Messages reçus à traiter : \d+/ }).click();
    await page.getByRole('link', { name: /Les ordures ne sont plus ramassées/ }).click();
    await page.locator('#to-complaint summary').click();
    await page.getByRole('button', { name: 'Enregistrer la plainte' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('le message est traité');
    expect(await page.locator('#inbox-handled').textContent()).toMatch(/Plainte PL-\d{4}-\d{5}/);
    await context.close();
  }, 90_000);

  it('the channels page passes the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels');
    await page.getByLabel('Numéro du téléphone simulé').fill('77 000 55 67');
    await page.getByRole('button', { name: 'Composer le code USSD' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/ndar-toute/admin/channels/inbox');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
