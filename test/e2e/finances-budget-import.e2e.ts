import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

/** A budget kept in Excel by the finance office, with its own headers: what staff really upload. */
async function budgetWorkbook(year: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Budget');
  sheet.addRow(['Nature opération', 'Sect.', 'Compte', 'Intitulé', 'Fonction', 'Crédits votés']);
  sheet.addRow(['Dépense', 'Investissement', '23', 'Forage du quartier Sor', '6', 45_000_000 + year]);
  sheet.addRow(['Dépense', 'Fonctionnement', '60', 'Carburant des bennes', '6', 12_500_000.5]);
  sheet.addRow(['Recette', 'Fonctionnement', '72', 'Taxe sur les marchés', '', 'non chiffré']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('loading a budget (finances back-office)', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`lets staff upload an Excel budget, map its columns, see the refused row and load it ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const year = javaScriptEnabled ? 2022 : 2023;
      const context = await h.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
      await page.goto('/ndar-toute/admin/finances/budgets');
      await page.getByLabel('Année').fill(String(year));
      await page.getByLabel('Phase').selectOption('adopted');
      await page.locator('#budget-upload input[type="file"]').setInputFiles({ name: `budget-${year}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await budgetWorkbook(year) });
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await page.waitForSelector('#budget-mapping');

      await page.getByLabel('Sens (recette ou dépense) *').selectOption('Nature opération');
      await page.getByLabel('Section (fonctionnement ou investissement) *').selectOption('Sect.');
      await page.getByLabel('Code nature *').selectOption('Compte');
      await page.getByLabel('Libellé nature *').selectOption('Intitulé');
      await page.getByRole('button', { name: 'Vérifier' }).click();
      expect(await page.locator('#dry-run').textContent()).toBe('Avec ces colonnes : 2 lignes prêtes, 1 lignes refusées.');
      expect(await page.locator('#refused-rows tbody').textContent()).toContain('Ce n’est pas un montant lisible.');
      if (javaScriptEnabled) expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page.getByLabel('Charger sans les lignes refusées').check();
      await page.getByRole('button', { name: 'Charger le budget' }).click();
      await page.waitForSelector('#import-result');
      expect(await page.locator('#import-result').textContent()).toBe('2 lignes chargées, 1 lignes refusées.');

      const csv = await (await page.request.get(`/ndar-toute/finances/data/budget-${year}-adopted.csv`)).text();
      expect(csv).toContain('Forage du quartier Sor');
      expect(csv).toContain('12500000.50');
      await context.close();
    }, 90_000);
  }
});
