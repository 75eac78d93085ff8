import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendPublication } from '../../src/platform/ledger/index.js';
import { type Harness, seriousAccessibilityViolations, startHarness } from './support/harness.js';

let h: Harness;
const decision = 'Délibération n° 7 : budget primitif 2027 adopté.';
beforeAll(async () => {
  h = await startHarness();
  const { db, config } = h.palabre.services;
  for (const slug of ['ndar-toute', 'tiznit-el-jadida']) {
    const commune = await db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    const contentSha256 = createHash('sha256').update(decision).digest('hex');
    await appendPublication(db, { communeId: commune.id, kind: 'council.decision', title: 'Budget primitif 2027', contentSha256, url: `/${slug}/council` }, config);
  }
});
afterAll(() => h?.close());

for (const [javaScriptEnabled, slug, locale] of [
  [true, 'ndar-toute', 'fr-FR'],
  [false, 'tiznit-el-jadida', 'ar'],
] as const) {
  describe(`anyone checks a document against the public record (${slug}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    it('finds a pasted text and an uploaded file, and says when a text was never published', async () => {
      const context = await h.newContext({ javaScriptEnabled, locale });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(`/${slug}/ledger${locale === 'ar' ? '?lang=ar' : ''}`);
      expect(await page.locator('table').textContent()).toContain('Budget primitif 2027');
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      if (javaScriptEnabled) expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page.locator('textarea[name="text"]').fill(decision);
      await page.locator('form[action*="/ledger/check"] button[type="submit"]').click();
      await page.waitForURL(`**/${slug}/ledger/check**`);
      expect(await page.locator('#check-result li').count()).toBe(1);

      await page.locator('input[type="file"]').setInputFiles({ name: 'decision.txt', mimeType: 'text/plain', buffer: Buffer.from(decision) });
      await page.locator('form[action*="/ledger/check"] button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('#check-result li').count()).toBe(1);

      await page.locator('textarea[name="text"]').fill('Un texte jamais publié');
      await page.locator('form[action*="/ledger/check"] button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.locator('#check-result').count()).toBe(1);
      expect(await page.locator('#check-result li').count()).toBe(0);
      await context.close();
    });
  });
}
