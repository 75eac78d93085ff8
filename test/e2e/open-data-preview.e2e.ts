import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePreviewPath } from '../../src/modules/open-data/datastore/preview-views.js';
import { createImportedResource } from '../../src/modules/open-data/datastore/test-fixture.js';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;
let path: string;
beforeAll(async () => {
  h = await startHarness();
  const { id } = await createImportedResource(h.palabre.services.db, { rows: 120 });
  path = resourcePreviewPath('ndar-toute', id);
}, 60_000);
afterAll(async () => { await h.close(); });

const firstColumn = (texts: string[]) => texts.map(Number);

describe('resource preview (open data)', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`lets a citizen sort, filter, page and download ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const context = await h.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(path);
      await expect(page.locator('#row-count').textContent()).resolves.toContain('120');
      await expect(page.locator('#datastore-chart svg[role="img"]').count()).resolves.toBe(1);
      await page.getByRole('link', { name: 'Montant', exact: true }).click();
      await page.getByRole('link', { name: /Montant/ }).first().click();
      expect(page.url()).toContain('sort=Montant+desc');
      expect(firstColumn(await page.locator('#datastore-table tbody tr td:first-child').allTextContents()).slice(0, 2)).toEqual([120, 119]);
      await page.getByLabel('Rechercher dans le tableau').fill('école');
      await page.getByLabel('Filtrer la colonne').selectOption('Quartier n°');
      await page.getByLabel('Valeur exacte').fill('3');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      expect(firstColumn(await page.locator('#datastore-table tbody tr td:first-child').allTextContents())).toEqual([93, 63, 33, 3]);
      await expect(page.locator('#row-count').textContent()).resolves.toContain('4');
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Télécharger en CSV', exact: true }).click();
      const download = await downloading;
      const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[0]).toBe('_id,Libellé,Montant,Quartier n°,Date,Horodatage,Payé');
      expect(csv).toHaveLength(122);
      await context.close();
    }, 60_000);
  }

  it('fits a phone: only the table scrolls sideways, and the page passes the accessibility audit', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto(`${path}?page=2`);
    const widths = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelector(s: string): { scrollWidth: number; clientWidth: number } } }).document;
      const wrap = doc.querySelector('.table-wrap');
      return { page: doc.documentElement.scrollWidth, viewport: doc.documentElement.clientWidth, table: wrap.scrollWidth, wrap: wrap.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.table).toBeGreaterThan(widths.wrap);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
