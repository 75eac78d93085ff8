import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

describe('WhatsApp, played from the simulator', () => {
  it('JavaScript off: staff play a resident who reports a problem by WhatsApp and reads the replies', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels');
    await page.getByRole('link', { name: 'Simulateur WhatsApp' }).click();
    await page.getByLabel('Numéro du téléphone simulé').fill('77 000 55 68');
    for (const text of ['Bonjour', '1', '1', '1', 'Lampadaire éteint place Faidherbe', '1']) {
      await page.getByLabel('Message (essayez MENU)').fill(text);
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    }
    const transcript = await page.locator('#whatsapp-transcript').textContent();
    expect(transcript).toContain('1 Signaler un problème');
    expect(transcript).toMatch(/Plainte enregistrée : PL-\d{4}-\d{5}\./);
    await context.close();
  }, 90_000);

  it('the WhatsApp simulator passes the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await signInByPhone(page, '+221770000002');
    await page.goto('/ndar-toute/admin/channels/whatsapp-simulator');
    await page.getByLabel('Numéro du téléphone simulé').fill('77 000 55 69');
    await page.getByLabel('Message (essayez MENU)').fill('MENU');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.locator('#whatsapp-transcript').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
