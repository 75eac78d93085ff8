import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBudgetFixture } from '../../src/modules/finances/pages/test-fixture.js';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

// A year the demo seed leaves alone, so the fixture's figures are the only ones.
const year = 2020;
const citizenPath = `/ndar-toute/finances/${year}/citizen`;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const ndar = await h.palabre.services.db.selectFrom('communes').select('id').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
  await insertBudgetFixture(h.palabre.services.db, ndar.id, { year });
});
afterAll(() => h?.close());

/** Pages in a PDF: page objects, not the /Pages tree that lists them. */
const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

const sections = [
  { heading: 'D’où vient l’argent', body: 'Les taxes payées sur les marchés et la dotation de l’État financent l’essentiel du fonctionnement de la commune.', chart: 'overview' },
  { heading: 'À quoi il sert', body: 'L’école et l’eau passent en premier : ensemble, plus de la moitié des dépenses votées par le conseil municipal.', chart: 'functions' },
  { heading: 'Ce qui a été réalisé', body: 'La construction de l’école a avancé de moitié ; un forage d’urgence, non prévu, a été payé en cours d’année.', chart: 'execution' },
  { heading: 'Pour en savoir plus', body: 'Toutes les lignes du budget sont publiées sur le site de la commune et à la mairie.', chart: '' },
];

describe('citizen budget in the browser', () => {
  it('staff write it in French and Arabic and publish it; a reader sees it in French, then in Arabic right to left', async () => {
    const staffContext = await h.newContext({ locale: 'fr-FR' });
    const staff = await staffContext.newPage();
    staff.setDefaultTimeout(10_000);
    await signInByPhone(staff, '+221770000002');
    await staff.goto(`/ndar-toute/admin/finances/citizen/${year}`);
    await staff.locator('#title_fr').fill('Le budget 2020 de Ndar Toute en une page');
    await staff.locator('details:has(#title_ar) summary').click();
    await staff.locator('#title_ar').fill('ميزانية ندار توت لسنة 2020 في صفحة واحدة');
    await staff.locator('#intro_fr').fill('Ce que la commune a prévu de recevoir et de dépenser, et ce qu’elle a fait.');
    for (const [i, section] of sections.entries()) {
      await staff.locator(`#s${i}_heading_fr`).fill(section.heading);
      await staff.locator(`#s${i}_body_fr`).fill(section.body);
      await staff.locator(`#s${i}_chart`).selectOption(section.chart);
    }
    await staff.locator('#citizen-form button[type="submit"]').click();
    await staff.waitForURL(new RegExp(`/admin/finances/citizen/${year}$`));
    expect(await staff.locator('.notice-success').textContent()).toContain('Budget citoyen enregistré.');
    await staff.locator('#publication-form button[type="submit"]').click();
    await staff.waitForURL(new RegExp(`/admin/finances/citizen/${year}$`));
    expect(await staff.locator('.notice-success').textContent()).toContain('Budget citoyen publié.');
    await staffContext.close();

    const frContext = await h.newContext({ locale: 'fr-FR' });
    const fr = await frContext.newPage();
    await fr.goto(citizenPath);
    expect(await fr.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await fr.locator('h1').textContent()).toContain('Le budget 2020 de Ndar Toute en une page');
    expect(await fr.locator('#citizen-budget svg[role="img"]').count()).toBe(3);
    expect(await fr.locator('#citizen-figures-2 tbody tr').count()).toBe(4);
    expect(await seriousAccessibilityViolations(fr)).toEqual([]);
    await frContext.close();

    const arContext = await h.newContext({ locale: 'ar' });
    const ar = await arContext.newPage();
    await ar.goto(citizenPath);
    expect(await ar.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await ar.locator('html').getAttribute('lang')).toBe('ar');
    expect(await ar.locator('h1').textContent()).toContain('ميزانية ندار توت لسنة 2020 في صفحة واحدة');
    expect(await ar.locator('#citizen-budget svg').first().getAttribute('direction')).toBe('rtl');
    // French text without a translation is marked as such, in its own direction.
    expect(await ar.locator('#citizen-section-1 .fallback-note').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(ar)).toEqual([]);
    await arContext.close();
  });

  it('prints on exactly one A4 page, in French and in Arabic, without the site’s header and menus', async () => {
    for (const locale of ['fr-FR', 'ar']) {
      const context = await h.newContext({ locale });
      const page = await context.newPage();
      await page.goto(citizenPath);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('.figure-table').first().isVisible()).toBe(false);
      expect(await page.locator('#citizen-budget svg').first().isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPageCount(pdf), locale).toBe(1);
      await context.close();
    }
    // The counter can fail: the long execution page (not made for the notice board) takes several sheets.
    const context = await h.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`/ndar-toute/finances/${year}/execution`);
    expect(pdfPageCount(await page.pdf({ format: 'A4' }))).toBeGreaterThan(1);
    await context.close();
  });

  it('budget pages pass the accessibility audit, in French and in Arabic', async () => {
    for (const locale of ['fr-FR', 'ar']) {
      const context = await h.newContext({ locale });
      const page = await context.newPage();
      for (const path of ['', `/${year}`, `/${year}/functions`, `/${year}/execution`]) {
        await page.goto(`/ndar-toute/finances${path}`);
        expect(await seriousAccessibilityViolations(page), `${locale} ${path}`).toEqual([]);
      }
      await context.close();
    }
  });

  it('JavaScript off: a visitor goes from the menu to a year, its functions, one function’s lines, and its execution', async () => {
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/');
    await page.locator('.site-nav a[href="/ndar-toute/finances"]').click();
    await page.waitForURL(/\/ndar-toute\/finances$/);
    await page.locator(`#budget-years a[href="/ndar-toute/finances/${year}"]`).click();
    await page.waitForURL(new RegExp(`/finances/${year}$`));
    expect(await page.locator('#section-totals tbody tr').count()).toBe(4);
    await page.locator('.phase-selector a', { hasText: 'Voté' }).click();
    await page.waitForURL(new RegExp(`/finances/${year}\\?phase=adopted$`));
    expect(await page.locator('.phase-selector a[aria-current="page"]').textContent()).toBe('Voté');
    await page.locator('main a', { hasText: 'Par fonction' }).first().click();
    await page.waitForURL(new RegExp(`/finances/${year}/functions\\?phase=adopted$`));
    await page.locator('#functions-table a', { hasText: 'Enseignement' }).click();
    await page.waitForURL(new RegExp(`/finances/${year}/functions/21\\?phase=adopted$`));
    expect(await page.locator('#function-lines tbody tr').count()).toBe(2);
    await page.locator('nav.no-print a', { hasText: 'Exécution' }).click();
    await page.waitForURL(new RegExp(`/finances/${year}/execution$`));
    expect(await page.locator('#execution-lines-expenditure tr', { hasText: 'Forage' }).locator('td.rate').textContent()).toBe('—');
    await context.close();
  });
});
