import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

for (const [slug, staffPhone, locale, title, neighbourhood, cost] of [
  ['ndar-toute', '+221770000002', 'fr-FR', 'Bancs publics place Pikine', 'Pikine', '1 200 000'],
  ['tiznit-el-jadida', '+212600000002', 'ar', 'مكتبة الحي في إدزكري', 'إدزكري', '60000'],
] as const) {
  describe(`participatory budget (${slug})`, () => {
    it('staff add a project and mark it feasible; a visitor sees it on the round page', async () => {
      const staffContext = await h.newContext({ locale });
      const staff = await staffContext.newPage();
      staff.setDefaultTimeout(8000);
      await signInByPhone(staff, staffPhone, `/sign-in?commune=${slug}`);
      await staff.goto(`/${slug}/admin/budgets`);
      await staff.locator('main ul a').first().click();
      await staff.locator('a[href$="/projects/new"]').click();
      await staff.locator('input[name="title"]').fill(title);
      await staff.locator('textarea[name="description"]').fill('Demandé lors de la réunion de quartier.');
      await staff.locator('input[name="neighbourhood"]').fill(neighbourhood);
      await staff.locator('input[name="estimated_cost"]').fill(cost);
      await staff.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
      await staff.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
      await staff.locator('select[name="feasibility"]').selectOption('feasible');
      await staff.locator('form[action$="/review"] button[type="submit"]').click();
      await staff.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
      const roundPath = new URL(staff.url()).pathname.replace('/admin', '').replace(/\/projects\/.*$/, '');
      await staffContext.close();

      const visitorContext = await h.newContext({ locale, javaScriptEnabled: slug === 'ndar-toute' });
      const visitor = await visitorContext.newPage();
      visitor.setDefaultTimeout(8000);
      await visitor.goto(roundPath);
      const card = visitor.locator('li.card', { hasText: title });
      expect(await card.count()).toBe(1);
      expect(await card.locator('.badge-success').textContent()).toBe(slug === 'ndar-toute' ? 'Réalisable' : 'قابل للإنجاز');
      if (slug === 'tiznit-el-jadida') expect(await visitor.locator('html').getAttribute('dir')).toBe('rtl');
      else expect(await seriousAccessibilityViolations(visitor)).toEqual([]);
      await visitorContext.close();
    });
  });
}
