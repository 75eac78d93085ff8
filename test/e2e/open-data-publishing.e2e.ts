import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

const csv = 'Numéro;Objet;Montant\n1;Fournitures scolaires;1 250 000,50\n2;Curage des caniveaux;3 400 000\n';

describe('publishing a dataset (open data back-office)', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`lets staff describe a dataset, upload a CSV, publish it and see its history ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const context = await h.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
      await page.goto('/ndar-toute/admin/data');
      await page.getByRole('link', { name: 'Nouveau jeu de données' }).click();
      const title = `Marchés publics ${javaScriptEnabled ? 'A' : 'B'}`;
      await page.getByLabel('Titre (Français)').fill(title);
      await page.getByLabel('Description (Français)').fill('Les marchés passés par la commune.');
      await page.getByLabel('Économie et finances').check();
      await page.getByLabel('Fréquence de mise à jour').selectOption('MONTHLY');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.locator('.flash, [role="status"]').first().textContent()).resolves.toContain('Le jeu de données a été enregistré.');
      expect(await page.locator('#dataset-state').textContent()).toBe('Brouillon');

      await page.locator('#add-file').getByLabel('Nom de la ressource').fill('Marchés 2026');
      await page.locator('#add-file input[type="file"]').setInputFiles({ name: 'marches.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      // With JavaScript the file goes up by XMLHttpRequest, which moves the progress bar; without, as a plain form.
      const sent = page.waitForRequest((request) => request.url().includes('/resources/file'));
      await page.locator('#add-file').getByRole('button', { name: 'Envoyer' }).click();
      expect((await sent).resourceType()).toBe(javaScriptEnabled ? 'xhr' : 'document');
      await page.waitForSelector('#resources');
      expect(await page.locator('#resources').textContent()).toContain('Marchés 2026');
      expect(await page.locator('body').textContent()).toContain('La ressource a été ajoutée.');

      await page.getByRole('button', { name: 'Publier' }).click();
      expect(await page.locator('#dataset-state').textContent()).toBe('Publié');
      await page.getByRole('link', { name: 'Historique des versions' }).click();
      expect(await page.locator('#revisions tbody tr').count()).toBe(3);
      // The audit runs a script in the page: only possible with JavaScript on.
      if (javaScriptEnabled) expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page.goBack();
      await page.getByRole('link', { name: 'Voir sur le portail' }).click();
      expect(await page.locator('h1').textContent()).toContain(title);
      const download = await page.request.get(await page.locator('a[href*="/download/marches.csv"]').getAttribute('href') ?? '');
      expect(await download.text()).toBe(csv);
      await context.close();
    }, 90_000);
  }
});
