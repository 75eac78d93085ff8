import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => { await h.close(); });

const question = 'Quel logiciel pour la comptabilité communale ?';

async function staffPage(phone: string, commune: string, javaScriptEnabled = false) {
  const context = await h.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signInByPhone(page, phone, `/sign-in?commune=${commune}`);
  return { context, page };
}

describe('peer exchange between communes (JavaScript off)', () => {
  it('Ndar Toute staff ask, Tiznit El Jadida staff answer, Ndar Toute staff accept the answer', async () => {
    const ndar = await staffPage('+221770000002', 'ndar-toute');
    await ndar.page.goto('/ndar-toute/admin/network/exchange');
    await ndar.page.waitForURL('**/network/exchange');
    await ndar.page.getByRole('link', { name: 'Poser une question' }).click();
    await ndar.page.locator('input[name="title"]').fill(question);
    await ndar.page.locator('textarea[name="body"]').fill('Nous comparons les logiciels libres utilisés dans le réseau.');
    await ndar.page.locator('select[name="principle"]').selectOption('innovation');
    await ndar.page.locator('select[name="module_tag"]').selectOption('finances');
    await ndar.page.locator('#thread-form button[type="submit"]').click();
    await ndar.page.waitForURL(/\/network\/exchange\/[0-9a-f-]{36}/);
    const threadUrl = new URL(ndar.page.url()).pathname;
    expect(await ndar.page.locator('h1').textContent()).toBe(question);

    const tiznit = await staffPage('+212600000002', 'tiznit-el-jadida');
    await tiznit.page.goto('/network/exchange?principle=innovation');
    await tiznit.page.getByRole('link', { name: question }).click();
    await tiznit.page.locator('textarea[name="body"]').fill('Nous utilisons un tableur partagé, puis un logiciel libre depuis 2025.');
    await tiznit.page.locator('#reply-form button[type="submit"]').click();
    await tiznit.page.waitForURL(`**${threadUrl}**`);
    expect(await tiznit.page.locator('#replies article').count()).toBe(1);
    await tiznit.context.close();

    await ndar.page.goto('/network/exchange');
    expect(await ndar.page.locator('#unread-count').textContent()).toBe('Notifications : 1 non lue(s)');
    await ndar.page.locator('#unread-count').click();
    await ndar.page.getByRole('link', { name: /Youssef Amrani \(Tiznit El Jadida\) a répondu/ }).click();
    await ndar.page.waitForURL(`**${threadUrl}`);
    await ndar.page.getByRole('button', { name: 'C’est la réponse' }).click();
    await ndar.page.waitForURL(`**${threadUrl}`);
    expect(await ndar.page.locator('#thread-status').textContent()).toBe('Résolue');
    expect(await ndar.page.locator('#replies article.accepted').textContent()).toContain('logiciel libre depuis 2025');
    await ndar.context.close();
  }, 120_000);

  // axe-core runs in the page, so this one has JavaScript on.
  it('the exchange list and a twinnings page pass the accessibility audit', async () => {
    const { context, page } = await staffPage('+221770000002', 'ndar-toute', true);
    await page.goto('/network/exchange');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/ndar-toute/twinnings?lang=ar');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
