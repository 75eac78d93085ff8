import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const flat = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** Opens a stage's folded form, fills it and saves it, back on the process page. */
async function saveStage(page: Page, stage: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const processUrl = page.url();
  await page.locator(`#form-${stage} summary`).click();
  const form = page.locator(`#form-${stage} form`);
  await fill(form);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(processUrl);
  expect(await page.locator('.notice-success').textContent()).toContain('Enregistré et publié.');
}

describe('public contracts in the browser', () => {
  it('staff record a process stage by stage without JavaScript, and the public list shows it with its red flag', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/finances/contracts');
    await page.locator('main a', { hasText: 'Nouveau marché' }).click();
    await page.locator('input[name="title"]').fill('Construction d’un abri pour la pirogue-ambulance');
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL(/\/admin\/finances\/contracts\/[0-9a-f-]{36}$/);

    // A refused form opens on its errors and keeps what was typed.
    await page.locator('#form-award summary').click();
    await page.locator('#form-award input[name="supplier_name"]').fill('Chantiers de Guet Ndar');
    await page.locator('#form-award input[name="supplier_scheme"]').fill('SN-NINEA');
    await page.locator('#form-award input[name="supplier_id"]').fill('008812345');
    await page.locator('#form-award input[name="award_amount"]').fill('pas de montant');
    await page.locator('#form-award input[name="award_date"]').fill('2026-08-10');
    await page.locator('#form-award button[type="submit"]').click();
    expect(await page.locator('#form-award .error-summary').textContent()).toContain('Indiquez un montant');
    expect(await page.locator('#form-award input[name="supplier_name"]').inputValue()).toBe('Chantiers de Guet Ndar');
    await page.goBack();

    await saveStage(page, 'tender', async (form) => {
      await form.locator('select[name="method"]').selectOption('open');
      await form.locator('select[name="category"]').selectOption('works');
      await form.locator('input[name="value"]').fill('9 000 000');
      await form.locator('input[name="period_start"]').fill('2026-07-01');
      await form.locator('input[name="period_end"]').fill('2026-07-31');
      await form.locator('input[name="tenderers"]').fill('1');
      await form.locator('input[name="doc_title_1"]').fill('Avis d’appel d’offres');
      await form.locator('input[name="doc_url_1"]').fill('https://example.org/abri/avis.pdf');
    });
    await saveStage(page, 'award', async (form) => {
      await form.locator('input[name="supplier_name"]').fill('Chantiers de Guet Ndar');
      await form.locator('input[name="supplier_scheme"]').fill('SN-NINEA');
      await form.locator('input[name="supplier_id"]').fill('008812345');
      await form.locator('input[name="award_amount"]').fill('8 750 000');
      await form.locator('input[name="award_date"]').fill('2026-08-10');
    });
    await saveStage(page, 'contract', async (form) => {
      await form.locator('input[name="signed_date"]').fill('2026-08-20');
      await form.locator('input[name="contract_amount"]').fill('8 750 000');
    });
    expect(await page.locator('#releases li').allTextContents()).toEqual([expect.stringMatching(/^tender /), expect.stringMatching(/^award /), expect.stringMatching(/^contract /)]);
    expect(await page.locator('.red-flags').textContent()).toContain('Offre unique');

    // The public list, filtered by a plain GET form.
    const visitor = await (await h.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto('/ndar-toute/finances/contracts');
    await visitor.locator('select[name="status"]').selectOption('contract');
    await visitor.locator('form.filters button').click();
    await visitor.waitForURL(/status=contract/);
    const row = visitor.locator('#contracts tr', { hasText: 'pirogue-ambulance' });
    const text = flat(await row.textContent());
    expect(text).toContain('Chantiers de Guet Ndar');
    expect(text).toContain('8 750 000 F CFA');
    expect(text).toContain('Appel d’offres ouvert');
    expect(text).toContain('Contrat signé');
    expect(text).toContain('Offre unique');
    expect(flat(await visitor.locator('#contracts').textContent())).not.toContain('Entretien de l’éclairage public');
    await row.locator('a').click();
    expect(await visitor.locator('#stage-award').textContent()).toContain('Chantiers de Guet Ndar');
    const ocdsHref = (await visitor.locator('a[href$=".json"]').getAttribute('href'))!;
    const record = await (await visitor.request.get(ocdsHref)).json();
    expect(record.records[0].compiledRelease.awards[0].suppliers[0].name).toBe('Chantiers de Guet Ndar');
    await context.close();
  });

  it('the public list and a process page have no serious accessibility violations, in French and Arabic', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto('/ndar-toute/finances/contracts');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.locator('#contracts a', { hasText: 'Pavage de la rue Blaise Diagne' }).click();
    expect(await page.locator('.red-flags').textContent()).toContain('Avenants importants');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/ndar-toute/finances/contracts?lang=ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('الصفقات العمومية');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('the back-office process page, with its six stage forms, has no serious accessibility violations', async () => {
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000002', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/finances/contracts');
    await page.locator('#contracts a', { hasText: 'Pavage de la rue Blaise Diagne' }).click();
    expect(await page.locator('details.stage-form').count()).toBe(6);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
