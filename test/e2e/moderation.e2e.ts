import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousAccessibilityViolations, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('moderation in the browser', () => {
  it('a moderator hides a reported proposal with a reason, and its author appeals once from its page', async () => {
    const moderatorContext = await h.newContext({ javaScriptEnabled: false });
    const moderator = await moderatorContext.newPage();
    moderator.setDefaultTimeout(8000);
    await signInByPhone(moderator, '+221770000003', '/sign-in?commune=ndar-toute');
    await moderator.goto('/ndar-toute/consultations');
    await moderator.locator('.grid a').first().click();
    await moderator.getByRole('link', { name: 'Un forage pour le marché de Pikine' }).click();
    const proposalUrl = moderator.url();

    // Reported from the proposal page, then hidden from the moderation queue.
    await moderator.locator('details summary', { hasText: 'Signaler cette proposition' }).click();
    await moderator.locator('#report-reason').fill('Numéro de téléphone personnel dans le texte');
    await moderator.locator('form[action$="/report"] button').click();
    await moderator.goto('/ndar-toute/admin/moderation');
    expect(await moderator.locator('main').textContent()).toContain('Numéro de téléphone personnel');
    await moderator.locator('form[action$="/hide"] input[name="reason"]').first().fill('Données personnelles retirées');
    await moderator.locator('form[action$="/hide"] button').first().click();
    await moderator.waitForURL('**/ndar-toute/admin/moderation');

    const authorContext = await h.newContext({ javaScriptEnabled: true });
    const author = await authorContext.newPage();
    author.setDefaultTimeout(8000);
    await signInByPhone(author, '+221770000005', '/sign-in?commune=ndar-toute');
    await author.goto(proposalUrl);
    expect(await author.locator('h1').textContent()).toBe('Cette proposition a été masquée par la modération');
    expect(await author.locator('main').textContent()).toContain('Données personnelles retirées');
    expect(await author.locator('main').textContent()).not.toContain('Les commerçantes achètent');
    expect(await seriousAccessibilityViolations(author)).toEqual([]);
    await author.locator('textarea[name="body"]').fill("J'ai retiré le numéro, merci de rétablir la proposition.");
    await author.locator('form[action$="/appeal"] button').click();
    await author.waitForURL(proposalUrl);
    expect(await author.locator('main').textContent()).toContain("Votre contestation est en cours d'examen.");
    expect(await author.locator('form[action$="/appeal"]').count()).toBe(0);

    await moderator.goto('/ndar-toute/admin/moderation');
    expect(await moderator.locator('main').textContent()).toContain("J'ai retiré le numéro");
    await authorContext.close();
    await moderatorContext.close();
  });
});
