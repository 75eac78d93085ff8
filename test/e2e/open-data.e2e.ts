import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('open-data portal', () => {
  it('JavaScript off: a visitor finds a dataset by search, opens it and downloads its CSV', async () => {
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/');
    await page.locator('.site-nav a[href="/ndar-toute/data"]').click();
    await page.locator('#data-search #q').fill('plaintes');
    await page.locator('#data-search button[type="submit"]').click();
    await page.waitForURL(/\/ndar-toute\/data\?q=plaintes$/);
    expect(await page.locator('#datasets > li').count()).toBe(1);
    await page.locator('#datasets a').first().click();
    await page.waitForURL(/\/ndar-toute\/data\/ndar-toute-requests-complaints$/);
    expect(await page.locator('h1').textContent()).toContain('Plaintes anonymisées');
    const rowCount = Number((await page.locator('#row-count').textContent())?.replace(/\D/g, ''));
    expect(await page.locator('#preview tbody tr').count()).toBe(Math.min(rowCount, 20));

    const csvHref = await page.locator('#downloads a').first().getAttribute('href');
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toBe('attachment; filename="ndar-toute-requests-complaints.csv"');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(rowCount + 1);
    const excel = await page.request.get(`${csvHref}?bom=1`);
    expect([...(await excel.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await context.close();
  });

  it('JavaScript off: a journalist narrows the portal by theme to the budget the commune published and reads its quality', async () => {
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/data');
    await page.locator('#facet-theme-values a', { hasText: 'Économie et finances' }).click();
    await page.waitForURL(/\/ndar-toute\/data\?theme=ECON$/);
    await page.locator('#datasets a', { hasText: 'Exécution du budget communal 2026' }).click();
    await page.waitForURL(/\/ndar-toute\/data\/ndar-toute-execution-budget-2026$/);
    const facts = await page.locator('#dataset-facts').textContent();
    expect(facts).toContain('Mensuelle');
    expect(facts).toContain('Service financier');
    expect(await page.locator('#downloads .stars').first().getAttribute('aria-label')).toBe('3 étoile(s) d’ouverture sur 5');
    expect(await page.locator('#quality li[data-passed="true"]').count()).toBeGreaterThanOrEqual(3);
    const file = await page.request.get(await page.locator('#downloads a', { hasText: 'Télécharger' }).first().getAttribute('href') ?? '');
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 8).toString('latin1')).toBe('Section;');
    // The demo file is loaded into a table in the background at start-up; on a busy machine that may still be running.
    const tableLink = page.locator('#downloads a', { hasText: 'Consulter le tableau' });
    await expect.poll(async () => (await tableLink.count()) > 0 || (await page.reload(), false), { timeout: 45_000, interval: 1000 }).toBe(true);
    await tableLink.click();
    await page.waitForURL(/\/ndar-toute\/data\/resources\/[0-9a-f-]{36}$/);
    await page.goBack();
    const ckan = await page.request.get(await page.locator('#metadata-links a').first().getAttribute('href') ?? '');
    expect((await ckan.json()).result.resources[0].format).toBe('CSV');
    await context.close();
  }, 120_000);

  it('JavaScript on: the portal and a dataset page pass the accessibility audit, in French and in Arabic', async () => {
    for (const locale of ['fr-FR', 'ar']) {
      const context = await h.newContext({ locale });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      for (const path of ['/tiznit-el-jadida/data', '/tiznit-el-jadida/data/tiznit-el-jadida-commune-news', '/tiznit-el-jadida/data/tiznit-el-jadida-equipements-publics']) {
        await page.goto(path);
        expect(await seriousAccessibilityViolations(page), `${locale} ${path}`).toEqual([]);
      }
      if (locale === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await context.close();
    }
  });
});
