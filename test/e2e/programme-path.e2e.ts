import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathDb } from '../../src/modules/programme/path/tables.js';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('the programme’s deployments and their assisted path', () => {
  it('the operator links a commune, pairs it with a volunteer of another country and finds it on the board', async () => {
    // The review slice selects applications; here the selection of cohort 2 is already made.
    await pathDb(h.palabre.services.db).updateTable('programme_applications').set({ status: 'selected' }).where('applicant_name', 'in', ['Commune urbaine de Kindia', 'Fanta Camara']).execute();
    const context = await h.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+221770000080');
    await page.goto('/admin/programme/cohorts/cohorte-2/deployments');
    const link = page.locator('#link-communes form').first();
    const moroccan = await link.locator('option', { hasText: '(MA)' }).getAttribute('value');
    await link.locator('select[name="commune_id"]').selectOption(moroccan!);
    await link.locator('[type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    await page.locator('#commune_application').selectOption({ index: 1 });
    const fanta = await page.locator('#volunteer_application option', { hasText: 'Fanta Camara' }).getAttribute('value');
    await page.locator('#volunteer_application').selectOption(fanta!);
    expect(await page.locator('#starts_on').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.locator('#pair-form [type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#cohort-deployments').textContent()).toContain('Fanta Camara');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Tableau de bord des déploiements' }).click();
    await page.locator('#cohort').selectOption('cohorte-2');
    await page.locator('#board-filter [type="submit"]').click();
    await page.waitForURL(/cohort=cohorte-2/);
    expect(await page.locator('#board tbody tr').count()).toBe(1);
    expect(await page.locator('svg.bar-chart').count()).toBe(1);
    await context.close();
  }, 90_000);

  it('the volunteer records evidence on a step without JavaScript, and the commune’s public page shows it', async () => {
    const context = await h.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+212600000090');
    await page.goto('/network/programme/deployments');
    await page.locator('#my-deployments a').first().click();
    await page.waitForURL(/\/network\/programme\/deployments\/[0-9a-f-]{36}$/);
    expect(await page.locator('.path-steps mark').first().textContent()).toBe('En retard');
    await page.getByRole('link', { name: 'Tenir une consultation publique' }).click();
    await page.locator('#evidence').fill('Réunion publique au marché central, 140 participants');
    await page.locator('#evidence_url').fill('javascript:alert(1)');
    await page.locator('#step-form [type="submit"]').click();
    expect(await page.locator('#evidence_url-error').textContent()).toContain('http://');
    expect(await page.locator('#evidence').inputValue()).toBe('Réunion publique au marché central, 140 participants');
    await page.locator('#evidence_url').fill('https://example.org/compte-rendu');
    await page.locator('#status').selectOption('done');
    await page.locator('#step-form [type="submit"]').click();
    await page.waitForURL(/\/network\/programme\/deployments\/[0-9a-f-]{36}#step-/);
    expect(await page.locator('.path-steps').textContent()).toContain('Réunion publique au marché central');

    await page.goto('/ndar-toute/programme');
    expect(await page.locator('main').textContent()).toContain('Réunion publique au marché central, 140 participants');
    expect(await page.locator('main a[href="https://example.org/compte-rendu"]').count()).toBe(1);
    await context.close();
  }, 90_000);
});
