import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { PalabreApp } from '../../../src/app.js';
import { createTestApp } from '../../../src/test-support/test-app.js';

/** A real server on a loopback port (fresh seeded database) and Debian's chromium driven by Playwright. */
export interface Harness {
  baseUrl: string;
  browser: Browser;
  palabre: PalabreApp;
  newContext(options?: { javaScriptEnabled?: boolean; locale?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startHarness(): Promise<Harness> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install the chromium package`);
  const palabre = await createTestApp();
  await palabre.app.listen({ host: '127.0.0.1', port: 0 });
  const address = palabre.app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    baseUrl,
    browser,
    palabre,
    newContext: (options = {}) =>
      browser.newContext({
        baseURL: baseUrl,
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        locale: options.locale ?? 'fr-FR',
        viewport: { width: 390, height: 844 },
        // Only to inject axe-core for the accessibility audit; the pages themselves run under their strict CSP.
        bypassCSP: true,
      }),
    close: async () => {
      await browser.close();
      await palabre.close();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page: the browser globals are reached through globalThis (no DOM types on the server side).
    const page = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Signs in through the real pages with a phone number, reading the demo code shown on screen. */
export async function signInByPhone(page: Page, phone: string, startPath = '/sign-in'): Promise<void> {
  await page.goto(startPath);
  await page.locator('input[name="identifier"]').fill(phone);
  await page.locator('form:has(input[name="identifier"]) [type="submit"]').click();
  const code = ((await page.locator('.notice-demo').textContent()) ?? '').match(/\d{6}/)?.[0];
  if (!code) throw new Error('no demo code on the code page');
  await page.locator('input[name="code"]').fill(code);
  await page.locator('form:has(input[name="code"]) [type="submit"]').click();
  await page.waitForLoadState('domcontentloaded');
}
