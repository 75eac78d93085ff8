import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

for (const [javaScriptEnabled, slug, phone, title] of [
  [true, 'ndar-toute', '+221770000005', 'Des poubelles devant l’école de Sor'],
  [false, 'tiznit-el-jadida', '+212600000005', 'إنارة الطريق نحو المدرسة'],
] as const) {
  describe(`a citizen takes part in a consultation (${slug}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    it('submits a proposal, supports and comments on it, staff answer it from the back-office, the author sees the answer in the inbox and chooses their notifications', async () => {
      const context = await h.newContext({ javaScriptEnabled, locale: slug === 'tiznit-el-jadida' ? 'ar' : 'fr-FR' });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      await signInByPhone(page, phone, `/sign-in?commune=${slug}`);
      await page.goto(`/${slug}/consultations`);
      await page.locator('.grid a').first().click();
      const consultationUrl = new URL(page.url()).pathname;
      // axe runs as a script in the page, so only where JavaScript is on.
      if (javaScriptEnabled) expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.locator('input[name="title"]').fill(title);
      await page.locator('textarea[name="body"]').fill('Merci de regarder cela avant la rentrée.');
      await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
      await page.waitForURL(`**/${slug}/proposals/**`);
      expect(await page.locator('h1').textContent()).toBe(title);
      await page.locator(`form[action$="/support"] button`).click();
      await page.waitForURL(`**/${slug}/proposals/**`);
      expect(await page.locator(`form[action$="/withdraw-support"]`).count()).toBe(1);
      const proposalUrl = page.url();
      const comment = slug === 'ndar-toute' ? 'Les enfants de Sor en ont besoin.' : 'الأطفال في حاجة إلى ذلك.';
      await page.locator(`form[action$="/comments"]`).first().locator('textarea[name="body"]').fill(comment);
      await page.locator(`form[action$="/comments"]`).first().locator('button[type="submit"]').click();
      await page.waitForURL(`**/${slug}/proposals/**`);
      expect(await page.locator('main').textContent()).toContain(comment);

      const staffContext = await h.newContext({ javaScriptEnabled });
      const staff = await staffContext.newPage();
      staff.setDefaultTimeout(8000);
      await signInByPhone(staff, slug === 'ndar-toute' ? '+221770000002' : '+212600000002', `/sign-in?commune=${slug}`);
      const proposalId = proposalUrl.split('/').pop()!;
      // Staff answer from the consultation's back-office page, through the form.
      await staff.goto(consultationUrl.replace(`/${slug}/`, `/${slug}/admin/`));
      const answerForm = staff.locator(`form[action$="/admin/proposals/${proposalId}/answer"]`);
      await answerForm.locator('select[name="answer"]').selectOption('accepted');
      await answerForm.locator('textarea[name="reason"]').fill('Prévu au budget 2027.');
      await answerForm.locator('button[type="submit"]').click();
      await staff.waitForLoadState();
      await staff.goto(proposalUrl);
      expect(await staff.locator('main').textContent()).toContain('Prévu au budget 2027.');
      await staffContext.close();

      // The author finds the answer in their inbox, linked from every page.
      await page.locator('a[href="/inbox"]').first().click();
      expect(await page.locator('main').textContent()).toContain(title);

      // From the inbox, they choose their notifications: a message each time, no phase openings.
      await page.locator('main a[href="/account/notifications"]').click();
      expect(await page.locator('#delivery_digest').isChecked()).toBe(true);
      await page.locator('#delivery_each_time').check();
      await page.locator('#kind_phase_opened').uncheck();
      await page.locator('form[action="/account/notifications"] button[type="submit"]').click();
      await page.waitForURL('**/account/notifications');
      expect(await page.locator('#delivery_each_time').isChecked()).toBe(true);
      expect(await page.locator('#kind_phase_opened').isChecked()).toBe(false);
      expect(await page.locator('#kind_proposal_answered').isChecked()).toBe(true);
      await context.close();
    });
  });
}
