import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

for (const javaScriptEnabled of [true, false]) {
  describe(`phone sign-up and sign-in (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    it('a new Senegalese resident signs up with a local number, in French, and lands on the profile', async () => {
      const context = await h.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const local = javaScriptEnabled ? '77 123 45 67' : '78 765 43 21';
      await signInByPhone(page, local, '/sign-in?commune=ndar-toute');
      expect(new URL(page.url()).pathname).toBe('/account');
      await page.locator('input[name="display_name"]').fill('Coumba Sarr');
      await page.locator('form:has(input[name="display_name"]) button[type="submit"]').first().click();
      await expect.poll(() => page.locator('input[name="display_name"]').inputValue()).toBe('Coumba Sarr');
      const stored = await h.palabre.services.db
        .selectFrom('users')
        .select(['display_name', 'phone_e164'])
        .where('phone_e164', '=', javaScriptEnabled ? '+221771234567' : '+221787654321')
        .executeTakeFirst();
      expect(stored?.display_name).toBe('Coumba Sarr');
      await context.close();
    });

    it('an existing account signs in again and returns to the page it came from', async () => {
      const context = await h.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInByPhone(page, '+221770000005', '/sign-in?commune=ndar-toute&return=%2Fndar-toute%2F');
      expect(new URL(page.url()).pathname).toBe('/ndar-toute/');
      await expect.poll(() => page.locator('form[action="/sign-out"]').count()).toBe(1);
      await context.close();
    });
  });
}

describe('sign-up in Arabic', () => {
  it('a Moroccan resident signs up on the Arabic site with a local number', async () => {
    const context = await h.newContext({ locale: 'ar-MA' });
    const page = await context.newPage();
    await page.goto('/tiznit-el-jadida/');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('a[href^="/sign-in"]').first().click();
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await signInByPhone(page, '0612345678', page.url());
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const user = await h.palabre.services.db.selectFrom('users').select('id').where('phone_e164', '=', '+212612345678').executeTakeFirst();
    expect(user).toBeDefined();
    await context.close();
  });
});
